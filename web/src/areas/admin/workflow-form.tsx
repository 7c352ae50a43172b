import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormListFieldData } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { api, type Schema } from '../../app/api';
import { ApiForm, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FieldLookup, rulesFor, useSchema } from '../../app/schema';
import { useWorkflowLabels } from '../../features/workflows/labels';
import { RoleSelect } from './shared';

export type Stage = Schema<'StageDto'>;

export type Definition = Schema<'DefinitionDto'>;

type Values = Omit<Definition, 'id' | 'version' | 'isActive' | 'createdAt' | 'autoApproveBelowFen' | 'nameEn'> & { nameEn?: string; autoApproveBelowFen?: number | null };
type T = (key: string, vars?: Record<string, string | number>) => string;

const KINDS = ['precheck', 'review', 'timer'] as const;
const SCOPES = ['subject_district', 'subject_city', 'partner_region', 'platform'] as const;
const DAY = 86_400;
const HOUR = 3_600;
const DEFAULT_SLA = { durationSeconds: 5 * DAY, remindAtFraction: 0.6 };

export function formatDuration(seconds: number, t: T): string {
  return seconds % DAY === 0 ? t('admin.duration.days', { n: seconds / DAY }) : t('admin.duration.hours', { n: Math.round((seconds / HOUR) * 100) / 100 });
}

/** A duration typed in days or hours, held as the API's whole seconds. */
function DurationInput({ value, onChange, id }: { value?: number; onChange?(seconds: number | undefined): void; id?: string }) {
  const { t } = useI18n();
  const [unit, setUnit] = useState(value !== undefined && value % DAY !== 0 ? HOUR : DAY);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber
        id={id}
        style={{ width: '100%' }}
        min={0}
        value={value === undefined || value === null ? null : Math.round((value / unit) * 100) / 100}
        onChange={(n) => onChange?.(n === null ? undefined : Math.round(Number(n) * unit))}
      />
      <Select
        style={{ width: 90 }}
        value={unit}
        onChange={setUnit}
        options={[
          { value: DAY, label: t('admin.duration.day') },
          { value: HOUR, label: t('admin.duration.hour') },
        ]}
      />
    </Space.Compact>
  );
}

/** What is sent: only the fields the stage's kind has (the API refuses the others). */
function toPayload(values: Values): Values {
  const stages = (values.stages ?? []).map((s): Stage => {
    // An English name left empty is not sent (the API refuses an empty one).
    const base = { key: s.key, name: s.name, ...(s.nameEn?.trim() ? { nameEn: s.nameEn.trim() } : {}), kind: s.kind };
    if (s.kind === 'timer') return { ...base, timerSeconds: s.timerSeconds, ...(s.objectionsStop ? { objectionsStop: true } : {}) };
    if (s.kind !== 'review') return base;
    const sla = s.sla ? { durationSeconds: s.sla.durationSeconds, remindAtFraction: s.sla.remindAtFraction, ...(s.sla.escalateToRole ? { escalateToRole: s.sla.escalateToRole } : {}) } : undefined;
    return {
      ...base,
      deciderRoles: s.deciderRoles ?? [],
      regionScope: s.regionScope,
      ...(s.requiredApprovals ? { requiredApprovals: s.requiredApprovals } : {}),
      ...(sla ? { sla } : {}),
    };
  });
  return { key: values.key, name: values.name, ...(values.nameEn?.trim() ? { nameEn: values.nameEn.trim() } : {}), subjectType: values.subjectType, stages, ...(values.autoApproveBelowFen !== undefined ? { autoApproveBelowFen: values.autoApproveBelowFen } : {}) };
}

/**
 * Publishes a workflow definition: the next version of `from`, or a new key. Stages are edited in a
 * list; the API's errors on e.g. `stages[1].sla.durationSeconds` land on that stage's field.
 */
export function PublishDefinitionForm({ from, subjectTypes = [], onDone }: { from?: Definition; subjectTypes?: string[]; onDone(d: Definition): void }) {
  const { t } = useI18n();
  const names = useWorkflowLabels();
  const [form] = Form.useForm<Values>();
  // Fields inside the list have relative names, so their schema rules are looked up by absolute path here.
  const lookup = useSchema('CreateDefinitionDto');
  const initial: Partial<Values> = from
    ? { key: from.key, name: from.name, ...(from.nameEn ? { nameEn: from.nameEn } : {}), subjectType: from.subjectType, stages: from.stages, autoApproveBelowFen: from.autoApproveBelowFen ?? undefined }
    : { stages: [{ key: 'review', name: '', kind: 'review', deciderRoles: [], regionScope: 'subject_city' }] };
  return (
    <ApiForm<Values, Definition>
      schema="CreateDefinitionDto"
      form={form}
      testId="workflow-publish-form"
      initialValues={initial}
      submitLabel={from ? t('admin.workflows.publishVersion', { version: from.version + 1 }) : t('admin.workflows.publishNew')}
      successMessage={t('admin.workflows.published')}
      submit={(values, key) => api.post('/workflow-definitions', { body: toPayload(values), idempotencyKey: key })}
      onDone={onDone}
    >
      <Row gutter={16}>
        <Col xs={24} md={8} xl={6}>
          <Field name="key" label={t('admin.workflows.key')}>
            <Input disabled={!!from} />
          </Field>
        </Col>
        <Col xs={24} md={8} xl={6}>
          <Field name="name" label={t('admin.workflows.name')}>
            <Input />
          </Field>
        </Col>
        <Col xs={24} md={8} xl={6}>
          <Field name="nameEn" label={t('admin.workflows.nameEn')}>
            <Input data-testid="workflow-name-en" />
          </Field>
        </Col>
        <Col xs={24} md={8} xl={6}>
          <Field name="subjectType" label={t('admin.workflows.subjectType')}>
            <Select disabled={!!from} options={subjectTypes.map((s) => ({ value: s, label: `${names.workflow(s)}（${s}）` }))} />
          </Field>
        </Col>
      </Row>
      <Field name="autoApproveBelowFen" label={t('admin.workflows.autoApproveBelowFen')} extra={t('admin.workflows.autoApproveHelp')}>
        <MoneyInput />
      </Field>
      <Form.List name="stages">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((field, index) => (
              <StageEditor key={field.key} field={field} index={index} count={fields.length} lookup={lookup} remove={remove} move={move} />
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginBottom: 16 }} data-testid="stage-add" onClick={() => add({ key: '', name: '', kind: 'review', deciderRoles: [], regionScope: 'subject_city' })}>
              {t('admin.stage.add')}
            </Button>
          </>
        )}
      </Form.List>
    </ApiForm>
  );
}

interface StageEditorProps {
  field: FormListFieldData;
  index: number;
  count: number;
  lookup: FieldLookup | undefined;
  remove(index: number): void;
  move(from: number, to: number): void;
}

function StageEditor({ field, index, count, lookup, remove, move }: StageEditorProps) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch(['stages', index, 'kind'], form) as Stage['kind'] | undefined;
  // `preserve`: the SLA object has no field of its own (only its parts, shown once it is set); Ant Design 6 watches
  // only registered fields unless told to.
  const sla = Form.useWatch(['stages', index, 'sla'], { form, preserve: true }) as Stage['sla'] | undefined;
  const rules = (...path: string[]) => rulesFor(lookup?.(['stages', index, ...path]), path[path.length - 1], t);
  // Durations are typed in days or hours: the schema's range in seconds is said in those units.
  const durationRules = (...path: string[]): Rule[] => {
    const f = lookup?.(['stages', index, ...path]);
    const max = f?.schema.maximum;
    return [
      ...(f?.required ? [{ required: true, message: t('form.required') }] : []),
      {
        validator: async (_, v: number | undefined) => {
          if (v === undefined || v === null) return;
          if (v < (f?.schema.minimum ?? 1)) throw new Error(t('admin.duration.positive'));
          if (max !== undefined && v > max) throw new Error(t('admin.duration.max', { max: formatDuration(max, t) }));
        },
      },
    ];
  };
  const at = (...path: string[]) => [field.name, ...path];
  return (
    <Card
      size="small"
      data-testid={`stage-${index}`}
      style={{ marginBottom: 12 }}
      title={t('admin.stage.title', { n: index + 1 })}
      extra={
        <Space>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('admin.stage.up')} />
          <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(index, index + 1)} aria-label={t('admin.stage.down')} />
          <Button size="small" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={() => remove(index)} aria-label={t('admin.stage.remove')} />
        </Space>
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={12} xl={6}>
          <Field name={at('key')} label={t('admin.stage.key')} rules={rules('key')}>
            <Input placeholder="district_review" />
          </Field>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Field name={at('name')} label={t('admin.stage.name')} rules={rules('name')}>
            <Input />
          </Field>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Field name={at('nameEn')} label={t('admin.stage.nameEn')} rules={rules('nameEn')}>
            <Input data-testid={`stage-${index}-name-en`} />
          </Field>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Field name={at('kind')} label={t('admin.stage.kind')} rules={rules('kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`admin.stageKind.${k}`) }))} />
          </Field>
        </Col>
      </Row>
      {kind === 'review' && (
        <>
          <Row gutter={12}>
            <Col span={10}>
              <Field name={at('deciderRoles')} label={t('admin.stage.deciderRoles')} rules={rules('deciderRoles')}>
                <RoleSelect mode="multiple" />
              </Field>
            </Col>
            <Col span={8}>
              <Field name={at('regionScope')} label={t('admin.stage.regionScope')} rules={rules('regionScope')}>
                <Select options={SCOPES.map((s) => ({ value: s, label: t(`admin.scope.${s}`) }))} />
              </Field>
            </Col>
            <Col span={6}>
              <Field name={at('requiredApprovals')} label={t('admin.stage.requiredApprovals')} rules={rules('requiredApprovals')}>
                <InputNumber min={1} style={{ width: '100%' }} placeholder="1" />
              </Field>
            </Col>
          </Row>
          <Space style={{ marginBottom: 8 }}>
            <Switch
              size="small"
              checked={!!sla}
              onChange={(on) => form.setFieldValue(['stages', index, 'sla'], on ? DEFAULT_SLA : undefined)}
              data-testid={`stage-${index}-sla-toggle`}
            />
            <Typography.Text>{t('admin.stage.sla')}</Typography.Text>
          </Space>
          {sla && (
            <Row gutter={12}>
              <Col span={8}>
                <Field name={at('sla', 'durationSeconds')} label={t('admin.stage.slaDuration')} rules={durationRules('sla', 'durationSeconds')}>
                  <DurationInput />
                </Field>
              </Col>
              <Col span={8}>
                <Field name={at('sla', 'remindAtFraction')} label={t('admin.stage.slaRemind')} rules={rules('sla', 'remindAtFraction')} extra={t('admin.stage.slaRemindHelp')}>
                  <InputNumber min={0.01} max={0.99} step={0.1} style={{ width: '100%' }} />
                </Field>
              </Col>
              <Col span={8}>
                <Field name={at('sla', 'escalateToRole')} label={t('admin.stage.slaEscalate')} rules={rules('sla', 'escalateToRole')}>
                  <RoleSelect />
                </Field>
              </Col>
            </Row>
          )}
        </>
      )}
      {kind === 'timer' && (
        <Row gutter={12}>
          <Col span={8}>
            <Field name={at('timerSeconds')} label={t('admin.stage.timerSeconds')} rules={[{ required: true, message: t('form.required') }, ...durationRules('timerSeconds')]}>
              <DurationInput />
            </Field>
          </Col>
          <Col span={16}>
            <Field name={at('objectionsStop')} label={t('admin.stage.objectionsStop')} valuePropName="checked" rules={rules('objectionsStop')}>
              <Switch />
            </Field>
          </Col>
        </Row>
      )}
    </Card>
  );
}
