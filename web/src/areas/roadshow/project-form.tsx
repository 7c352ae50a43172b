import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../app/common';
import { ApiForm, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { RegionSelect } from '../../app/widgets/region-select';
import { TimeWindowFields, useEnumOptions } from './shared';
import type { Project } from './types';

type ProjectValues = Schema<'CreateProjectDto'>;

/** The fields a project is described by (create and edit share them). */
export function ProjectFields({ withRegion }: { withRegion: boolean }) {
  const { t } = useI18n();
  const options = useEnumOptions();
  return (
    <>
      <Field name="title" label={t('roadshow.project.title')}>
        <Input maxLength={200} placeholder={t('roadshow.project.titlePlaceholder')} />
      </Field>
      <Field name="summary" label={t('roadshow.project.summary')}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Field>
      <Space size="large" wrap style={{ width: '100%' }} align="start">
        <Field name="industry" label={t('roadshow.project.industry')}>
          <Select options={options.industries} style={{ minWidth: 200 }} data-testid="project-industry" />
        </Field>
        <Field name="stage" label={t('roadshow.project.stage')}>
          <Select options={options.stages} style={{ minWidth: 160 }} data-testid="project-stage" />
        </Field>
        <Field name="financingAskFen" label={t('roadshow.project.ask')}>
          <MoneyInput />
        </Field>
        {withRegion && (
          <Field name="regionCode" label={t('roadshow.project.region')}>
            <RegionSelect style={{ minWidth: 180 }} data-testid="project-region" />
          </Field>
        )}
      </Space>
      <Card size="small" title={t('roadshow.project.team')} style={{ marginBottom: 16 }}>
        <Form.List name="team">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Field name={[f.name, 'name']} label={t('roadshow.project.memberName')}>
                    <Input maxLength={60} />
                  </Field>
                  <Field name={[f.name, 'role']} label={t('roadshow.project.memberRole')}>
                    <Input maxLength={200} style={{ minWidth: 280 }} />
                  </Field>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('roadshow.action.remove')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', role: '' })} icon={<PlusOutlined />} data-testid="team-add">
                {t('roadshow.project.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
    </>
  );
}

/** Availability windows (Shanghai time); empty means any time. */
export function AvailabilityFields() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('roadshow.project.availability')} extra={t('roadshow.project.availabilityHint')} style={{ marginBottom: 16 }}>
      <Form.List name="availability">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                <TimeWindowFields from={[f.name, 'from']} to={[f.name, 'to']} fromLabel={t('roadshow.project.from')} toLabel={t('roadshow.project.to')} />
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('roadshow.action.remove')} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid="availability-add">
              {t('roadshow.project.addWindow')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** An enterprise submits a roadshow project (collected); the deck and screening follow on its page. */
export function NewProjectPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('roadshow.project.new')} sub={t('roadshow.project.newSub')} />
      <Card>
        <ApiForm<ProjectValues, Project>
          schema="CreateProjectDto"
          testId="project-form"
          initialValues={{ regionCode: me.organization.regionCode, team: [{ name: '', role: '' }], availability: [] }}
          submit={(values, key) => api.post('/roadshow-projects', { body: values, idempotencyKey: key })}
          onDone={(project) => navigate(`/roadshow/projects/${project.id}`)}
          successMessage={t('roadshow.project.created')}
          submitLabel={t('roadshow.project.create')}
        >
          <ProjectFields withRegion />
          <AvailabilityFields />
        </ApiForm>
      </Card>
    </>
  );
}
