import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { ActionButton, ApiForm, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { RefreshButton } from '../../app/widgets/refresh-button';
import { type CatalogService, useCategories } from '../../features/catalog/services';

/** The form: a new service's fields (its code only when it is new). */
type ServiceValues = Omit<Schema<'CreateCatalogServiceDto'>, 'code'> & { code?: string };
type Update = Schema<'UpdateCatalogServiceDto'>;

const REQUIRED = ['name', 'category', 'unitPriceFen', 'unit', 'leadTimeDays'] as const;
const OPTIONAL = ['instrumentName', 'instrumentModel', 'description'] as const;

/** The lab's own catalogue (listed services), with create, edit and withdraw (下架). */
export function LabServicesPage() {
  const { t } = useI18n();
  const me = useMe();
  const categories = useCategories();
  const [q, setQ] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const services = usePagedList('/catalog/services', { params: { query: { providerId: me.organization.id, q } } }, { deps: [refresh] });
  const [editing, setEditing] = useState<CatalogService | 'new'>();
  const admitted = me.organization.admissionStatus === 'active';
  const done = () => {
    setEditing(undefined);
    setRefresh((n) => n + 1);
  };
  return (
    <>
      <PageHeader
        title={t('lab.services.title')}
        sub={t('lab.services.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('lab.services.search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 240 }} />
            <RefreshButton onClick={() => setRefresh((n) => n + 1)} />
            <Link to="/lab/imports"><Button icon={<UploadOutlined />} disabled={!admitted}>{t('lab.menu.imports')}</Button></Link>
            <Button type="primary" icon={<PlusOutlined />} disabled={!admitted} onClick={() => setEditing('new')} data-testid="service-new">
              {t('lab.services.new')}
            </Button>
          </>
        }
      />
      {!admitted && <Alert type="warning" showIcon title={t('lab.services.notAdmitted')} style={{ marginBottom: 16 }} />}
      <PagedTable
        list={services}
        testId="lab-services-table"
        emptyText={t('lab.services.none')}
        columns={[
          { title: t('service.code'), dataIndex: 'code' },
          { title: t('service.name'), dataIndex: 'name' },
          { title: t('service.category'), dataIndex: 'category', render: (c: string) => categories.name(c) },
          { title: t('service.unitPrice'), align: 'right', render: (_, s) => <><Money fen={s.unitPriceFen} /> / {s.unit}</> },
          { title: t('service.leadTime'), dataIndex: 'leadTimeDays', render: (d: number) => t('service.days', { n: d }) },
          { title: t('service.instrument'), render: (_, s) => [s.instrumentName, s.instrumentModel].filter(Boolean).join(' · ') || '—' },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatTime },
          {
            title: t('common.actions'),
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => setEditing(s)}>{t('lab.services.edit')}</Button>
                <ActionButton size="small" danger confirm={t('lab.services.withdrawConfirm')} action={(key) => api.post('/catalog/services/{id}/withdraw', { params: { path: { id: s.id } }, idempotencyKey: key })} onDone={done}>
                  {t('lab.services.withdraw')}
                </ActionButton>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={!!editing}
        size={560}
        title={editing === 'new' ? t('lab.services.new') : t('lab.services.editTitle', { name: editing?.name ?? '' })}
        onClose={() => setEditing(undefined)}
        destroyOnHidden
      >
        {editing && <ServiceForm key={editing === 'new' ? 'new' : editing.id} service={editing === 'new' ? undefined : editing} onDone={done} />}
      </Drawer>
    </>
  );
}

/** Create (POST /catalog/services) or update (only changed fields; an emptied optional field is cleared) one service. */
function ServiceForm({ service, onDone }: { service?: CatalogService; onDone(): void }) {
  const { t } = useI18n();
  const categories = useCategories();
  const submit = (v: ServiceValues, key: string) => {
    if (!service) {
      const body: Schema<'CreateCatalogServiceDto'> = { ...v, code: v.code ?? '' };
      for (const k of OPTIONAL) if (!body[k]) delete body[k];
      return api.post('/catalog/services', { body, idempotencyKey: key });
    }
    const body: Update = { expectedVersion: service.version };
    const changed = <K extends keyof Update & keyof CatalogService>(k: K, after: Update[K]) => {
      if (after !== service[k]) body[k] = after;
    };
    for (const k of REQUIRED) changed(k, v[k]);
    for (const k of OPTIONAL) changed(k, v[k] || null);
    return api.post('/catalog/services/{id}', { params: { path: { id: service.id } }, body, idempotencyKey: key });
  };
  return (
    <ApiForm<ServiceValues, CatalogService>
      schema={service ? 'UpdateCatalogServiceDto' : 'CreateCatalogServiceDto'}
      initialValues={
        service
          ? { ...service, instrumentName: service.instrumentName ?? undefined, instrumentModel: service.instrumentModel ?? undefined, description: service.description ?? undefined }
          : { leadTimeDays: 5 }
      }
      submit={submit}
      submitLabel={service ? t('lab.services.save') : t('lab.services.list')}
      successMessage={t('action.done')}
      onDone={onDone}
      testId="service-form"
    >
      <Row gutter={16}>
        <Col span={12}>
          {service ? (
            <Field name="code" label={t('service.code')}>
              <Input disabled />
            </Field>
          ) : (
            <Field name="code" label={t('service.code')} extra={t('lab.services.codeHelp')}>
              <Input placeholder="XRF-001" />
            </Field>
          )}
        </Col>
        <Col span={12}>
          <Field name="category" label={t('service.category')}>
            <Select options={categories.options} data-testid="service-category" />
          </Field>
        </Col>
      </Row>
      <Field name="name" label={t('service.name')}>
        <Input placeholder="X射线荧光光谱分析" />
      </Field>
      <Row gutter={16}>
        <Col span={10}>
          <Field name="unitPriceFen" label={t('service.unitPrice')}>
            <MoneyInput />
          </Field>
        </Col>
        <Col span={7}>
          <Field name="unit" label={t('lab.services.unit')}>
            <Input placeholder={t('lab.services.unitPlaceholder')} />
          </Field>
        </Col>
        <Col span={7}>
          <Field name="leadTimeDays" label={t('lab.services.leadTimeDays')}>
            <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Field name="instrumentName" label={t('lab.services.instrumentName')}>
            <Input />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="instrumentModel" label={t('lab.services.instrumentModel')}>
            <Input />
          </Field>
        </Col>
      </Row>
      <Field name="description" label={t('service.description')}>
        <Input.TextArea rows={3} />
      </Field>
    </ApiForm>
  );
}
