import { Button, Card, Col, Drawer, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatTime, Money, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { ResponsiveTable } from '../../app/widgets/responsive-table';
import { useWorkflowLabels } from '../../features/workflows/labels';
import { Definition, formatDuration, PublishDefinitionForm, Stage } from './workflow-form';

/** 流程配置: the active version of every workflow definition. */
export function WorkflowsPage() {
  const { t, pick } = useI18n();
  const names = useWorkflowLabels();
  const navigate = useNavigate();
  const list = useApi('/workflow-definitions');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('admin.workflows.title')}
        sub={t('admin.workflows.sub')}
        extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="workflow-new">{t('admin.workflows.new')}</Button>}
      />
      <LoadError error={list.error} retry={() => void list.reload()} />
      <ResponsiveTable<Definition>
        data-testid="workflows-table"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.workflows.key'), dataIndex: 'key', render: (key: string) => <Link to={`/ops/workflows/${key}`}>{key}</Link> },
          { title: t('admin.workflows.name'), dataIndex: 'name', render: (name: string, d) => pick(name, d.nameEn) },
          { title: t('admin.workflows.subjectType'), dataIndex: 'subjectType', render: (s: string) => names.workflow(s) },
          { title: t('admin.workflows.version'), dataIndex: 'version', render: (v: number) => <Tag color="blue">v{v}</Tag> },
          { title: t('admin.workflows.stages'), dataIndex: 'stages', render: (stages: Stage[]) => stages.map((s) => pick(s.name, s.nameEn)).join(' → ') },
          { title: t('admin.workflows.publishedAt'), dataIndex: 'createdAt', render: formatTime },
        ]}
      />
      <Drawer open={creating} size={960} title={t('admin.workflows.new')} onClose={() => setCreating(false)} destroyOnHidden>
        <PublishDefinitionForm
          subjectTypes={[...new Set((list.data ?? []).map((d) => d.subjectType))]}
          onDone={(d) => {
            setCreating(false);
            navigate(`/ops/workflows/${d.key}`);
          }}
        />
      </Drawer>
    </>
  );
}

/** One workflow: its versions, the stages of the one chosen, and publishing the next version. */
export function WorkflowDetailPage() {
  const { key = '' } = useParams();
  const { t, label, pick, lang } = useI18n();
  const names = useWorkflowLabels();
  const all = useApi('/workflow-definitions', { params: { query: { all: true } } });
  const versions = (all.data ?? []).filter((d) => d.key === key);
  const [version, setVersion] = useState<number>();
  const shown = useApi('/workflow-definitions/{key}', { params: { path: { key }, query: version ? { version } : undefined } });
  const [publishing, setPublishing] = useState(false);
  const d = shown.data;
  const scope = (s?: string) => (s ? t(`admin.scope.${s}`) : '—');

  return (
    <>
      <PageHeader
        title={d ? (lang === 'en' ? `${pick(d.name, d.nameEn)} (${key})` : `${pick(d.name, d.nameEn)}（${key}）`) : key}
        sub={<Link to="/ops/workflows">{t('action.back')}</Link>}
        extra={
          <Button type="primary" disabled={!d} onClick={() => setPublishing(true)} data-testid="workflow-publish">
            {t('admin.workflows.publish')}
          </Button>
        }
      />
      <LoadError error={all.error ?? shown.error} retry={() => void shown.reload()} />
      <Row gutter={16}>
        <Col xs={24} lg={6}>
          <Card title={t('admin.workflows.versions')} size="small">
            <Table<Definition>
              data-testid="workflow-versions"
              rowKey="id"
              size="small"
              showHeader={false}
              pagination={false}
              loading={all.loading}
              dataSource={versions}
              rowClassName={(v) => (v.version === d?.version ? 'ant-table-row-selected' : '')}
              onRow={(v) => ({ onClick: () => setVersion(v.version), style: { cursor: 'pointer' } })}
              columns={[
                { dataIndex: 'version', render: (v: number, row) => <Space><Tag color={row.isActive ? 'green' : 'default'}>v{v}</Tag>{row.isActive && t('admin.workflows.active')}</Space> },
                { dataIndex: 'createdAt', render: (at: string) => <Typography.Text type="secondary">{formatTime(at)}</Typography.Text> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          <Card
            title={d ? t('admin.workflows.stagesOf', { version: d.version }) : t('admin.workflows.stages')}
            size="small"
            extra={d?.autoApproveBelowFen != null && <span>{t('admin.workflows.autoApproveBelowFen')}: <Money fen={d.autoApproveBelowFen} /></span>}
          >
            <ResponsiveTable<Stage>
              data-testid="workflow-stages"
              rowKey="key"
              size="small"
              pagination={false}
              loading={shown.loading}
              dataSource={d?.stages ?? []}
              columns={[
                { title: '#', key: 'i', render: (_, __, i) => i + 1, width: 40 },
                { title: t('admin.stage.name'), dataIndex: 'name', render: (n: string, s) => <>{pick(n, s.nameEn)} <Typography.Text type="secondary">{s.key}</Typography.Text></> },
                { title: t('admin.stage.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`admin.stageKind.${k}`)}</Tag> },
                { title: t('admin.stage.deciderRoles'), dataIndex: 'deciderRoles', render: (roles?: string[]) => (roles?.length ? roles.map((r) => label('role', r)).join('、') : '—') },
                { title: t('admin.stage.regionScope'), dataIndex: 'regionScope', render: scope },
                { title: t('admin.stage.requiredApprovals'), dataIndex: 'requiredApprovals', render: (n?: number) => n ?? 1 },
                {
                  title: t('admin.stage.sla'),
                  dataIndex: 'sla',
                  render: (_, s) =>
                    s.sla
                      ? t('admin.stage.slaText', { duration: formatDuration(s.sla.durationSeconds, t), remind: Math.round(s.sla.remindAtFraction * 100), escalate: s.sla.escalateToRole ? label('role', s.sla.escalateToRole) : '—' })
                      : s.timerSeconds
                        ? t('admin.stage.timerText', { duration: formatDuration(s.timerSeconds, t) })
                        : '—',
                },
              ]}
            />
            {d && <Typography.Text type="secondary">{t('admin.workflows.subjectLine', { subject: names.workflow(d.subjectType), at: formatTime(d.createdAt) })}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Drawer open={publishing} size={960} title={t('admin.workflows.publishTitle', { key })} onClose={() => setPublishing(false)} destroyOnHidden>
        {d && (
          <PublishDefinitionForm
            from={d}
            onDone={(published) => {
              setPublishing(false);
              setVersion(published.version);
              void all.reload();
            }}
          />
        )}
      </Drawer>
    </>
  );
}
