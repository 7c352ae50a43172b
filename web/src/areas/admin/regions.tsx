import { Breadcrumb, Button, Card, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { localName, useI18n } from '../../app/i18n';
import { refreshRegions } from '../../app/regions';
import { OrganizationDrawer } from './users';
import type { Schema } from '../../app/api';

type Region = Schema<'RegionDto'>;
const KINDS = ['province', 'municipality', 'city', 'district', 'county'] as const;

/**
 * 地区管理: the GB/T 2260 list by parent, or searched; a platform admin marks a region issuing (its
 * bureau then issues programmes), creates that bureau and invites its people, or adds a division.
 */
export function RegionsPage() {
  const { t, lang } = useI18n();
  // The chain of regions opened, outermost first; empty = the provinces and municipalities.
  const [trail, setTrail] = useState<Region[]>([]);
  const [q, setQ] = useState<string>();
  const [issuingOnly, setIssuingOnly] = useState(false);
  const [adding, setAdding] = useState(false);
  const [bureauFor, setBureauFor] = useState<Region>();
  const [orgId, setOrgId] = useState<string>();
  const parent = trail[trail.length - 1];
  const query = q ? { q, limit: 200 } : issuingOnly ? { issuing: true, limit: 500 } : { parent: parent?.code ?? 'none', limit: 500 };
  const list = useApi('/regions', { params: { query } });
  const name = (r: Region) => localName(lang, r.name, r.nameEn) ?? r.code;
  const changed = () => {
    void list.reload();
    refreshRegions();
  };
  const open = (r: Region) => {
    setQ(undefined);
    setIssuingOnly(false);
    setTrail((chain) => [...chain, r]);
  };

  return (
    <>
      <PageHeader
        title={t('admin.regions.title')}
        sub={t('admin.regions.sub')}
        extra={
          <Button type="primary" data-testid="region-add" onClick={() => setAdding(true)}>
            {t('admin.regions.add')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search data-testid="regions-search" placeholder={t('admin.regions.search')} allowClear style={{ width: 320 }} onSearch={(text) => setQ(text.trim() || undefined)} />
          <Space>
            <Switch data-testid="regions-issuing-only" checked={issuingOnly} onChange={setIssuingOnly} aria-label={t('admin.regions.issuingOnly')} />
            {t('admin.regions.issuingOnly')}
          </Space>
        </Space>
      </Card>
      {!q && !issuingOnly && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            { title: <a onClick={() => setTrail([])}>{t('admin.regions.top')}</a> },
            ...trail.map((r, i) => ({ title: <a onClick={() => setTrail(trail.slice(0, i + 1))}>{name(r)}</a> })),
          ]}
        />
      )}
      <LoadError error={list.error} retry={() => void list.reload()} />
      <Table<Region>
        data-testid="regions-table"
        rowKey="code"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('common.empty') }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('admin.regions.code'), dataIndex: 'code', width: 100 },
          {
            title: t('admin.regions.name'),
            key: 'name',
            render: (_: unknown, r) =>
              r.kind === 'district' || r.kind === 'county' ? (
                name(r)
              ) : (
                <a data-testid="region-open" onClick={() => open(r)}>
                  {name(r)}
                </a>
              ),
          },
          { title: t('admin.regions.nameEn'), dataIndex: 'nameEn' },
          { title: t('admin.regions.kind'), dataIndex: 'kind', render: (kind: string) => t(`admin.regions.kind.${kind}`) },
          {
            title: t('admin.regions.flags'),
            key: 'flags',
            render: (_: unknown, r) => (
              <>
                {r.issuing && (
                  <Tag color="green" data-testid="region-issuing-tag">
                    {t('admin.regions.issuing')}
                  </Tag>
                )}
                {r.isG60 && <Tag color="blue">G60</Tag>}
                {r.isPartner && <Tag color="purple">{t('admin.regions.partner')}</Tag>}
              </>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                {r.kind !== 'province' && (
                  <ActionButton
                    size="small"
                    danger={r.issuing}
                    data-testid={r.issuing ? 'region-stop-issuing' : 'region-make-issuing'}
                    confirm={t(r.issuing ? 'admin.regions.stopIssuing.confirm' : 'admin.regions.makeIssuing.confirm', { name: name(r) })}
                    action={(key) => api.patch('/regions/{code}', { params: { path: { code: r.code } }, body: { issuing: !r.issuing }, idempotencyKey: key })}
                    onDone={changed}
                  >
                    {t(r.issuing ? 'admin.regions.stopIssuing' : 'admin.regions.makeIssuing')}
                  </ActionButton>
                )}
                {r.issuing && (
                  <Button size="small" data-testid="region-add-bureau" onClick={() => setBureauFor(r)}>
                    {t('admin.regions.addBureau')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title={t('admin.regions.add')} onCancel={() => setAdding(false)} footer={null} destroyOnHidden>
        <ApiForm<Schema<'CreateRegionDto'>, Region>
          schema="CreateRegionDto"
          testId="region-add-form"
          layout="vertical"
          initialValues={{ parentCode: parent?.code, kind: parent ? (parent.kind === 'province' ? 'city' : 'district') : 'province', issuing: false }}
          submit={(values, key) => api.post('/regions', { body: values, idempotencyKey: key })}
          onDone={() => {
            setAdding(false);
            changed();
          }}
        >
          <Field name="code" label={t('admin.regions.code')} extra={t('admin.regions.codeHelp')}>
            <Input maxLength={6} />
          </Field>
          <Field name="name" label={t('admin.regions.name')}>
            <Input />
          </Field>
          <Field name="nameEn" label={t('admin.regions.nameEn')}>
            <Input />
          </Field>
          <Field name="kind" label={t('admin.regions.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`admin.regions.kind.${k}`) }))} />
          </Field>
          <Field name="parentCode" label={t('admin.regions.parent')}>
            <Input maxLength={6} />
          </Field>
          <Field name="issuing" label={t('admin.regions.issuing')} valuePropName="checked">
            <Switch />
          </Field>
        </ApiForm>
      </Modal>
      <Modal open={!!bureauFor} title={bureauFor ? t('admin.regions.addBureauOf', { name: name(bureauFor) }) : ''} onCancel={() => setBureauFor(undefined)} footer={null} destroyOnHidden>
        {bureauFor && (
          <ApiForm<Schema<'CreateAgencyDto'>, Schema<'OrganizationDto'>>
            schema="CreateAgencyDto"
            testId="region-bureau-form"
            layout="vertical"
            initialValues={{ name: `${bureauFor.name}科学技术局`, regionCode: bureauFor.code, agencyLevel: 'city' }}
            submit={(values, key) => api.post('/agencies', { body: values, idempotencyKey: key })}
            onDone={(org) => {
              setBureauFor(undefined);
              // Next: invite its approver (and reviewers, finance) into it.
              setOrgId(org.id);
            }}
          >
            <Field name="name" label={t('admin.regions.bureauName')}>
              <Input />
            </Field>
            <Field name="regionCode" label={t('common.region')} hidden>
              <Input />
            </Field>
            <Field name="agencyLevel" label={t('admin.regions.agencyLevel')}>
              <Select options={(['city', 'district', 'partner'] as const).map((l) => ({ value: l, label: t(`admin.regions.agencyLevel.${l}`) }))} />
            </Field>
          </ApiForm>
        )}
      </Modal>
      <OrganizationDrawer orgId={orgId} onClose={() => setOrgId(undefined)} />
    </>
  );
}
