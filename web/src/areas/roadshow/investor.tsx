import { MoreOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Collapse, Dropdown, Empty, Input, List, Modal, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Schema } from '../../app/api';
import { Money, PageHeader, StatusTag, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FollowButton } from './project';
import { ProjectFilters, useProjectColumns } from './projects';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { NoteField, ProjectLink, useEnumOptions } from './shared';
import { EVENT_INTO, PIPELINE, PROJECT_STATUSES } from './types';
import type { Interest, InvestorProfile, Project, Recommendation } from './types';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

/** Projects by id, fetched one by one (the pipeline and follows name a handful). */
function useProjectsByIds(ids: string[]) {
  const [projects, setProjects] = useState<Map<string, Project>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map((id) => api.get('/roadshow-projects/{id}', { params: { path: { id } } }).catch(() => undefined))).then((rows) => {
      if (live) setProjects(new Map(rows.filter((p): p is Project => !!p).map((p) => [p.id, p])));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return projects;
}

/** The API's recommendation reasons, in the reader's language where the pattern is known. */
function useReasonText() {
  const { t, label } = useI18n();
  return (reason: string) => {
    let m = /^industry (\S+) is in your focus$/.exec(reason);
    if (m) return t('roadshow.reason.industry', { v: label('roadshow.industry', m[1]) });
    m = /^stage (\S+) is in your focus$/.exec(reason);
    if (m) return t('roadshow.reason.stage', { v: label('roadshow.stage', m[1]) });
    if (reason === 'the financing ask fits your ticket size') return t('roadshow.reason.ticket');
    m = /^(\d+) investor\(s\) follow it$/.exec(reason);
    if (m) return t('roadshow.reason.followers', { n: m[1] });
    return reason;
  };
}

const INVESTOR_VISIBLE = PROJECT_STATUSES.filter((s) => !['collected', 'screening', 'returned', 'rejected', 'withdrawn'].includes(s));

/** Projects that fit the investor's focus (with reasons), and every screened project, with follow/unfollow. */
export function FocusProjectsPage() {
  const { t } = useI18n();
  const profile = useApi('/investor-profile');
  const recommendations = useApi('/investor-recommendations');
  const [filters, setFilters] = useState<{ status?: string; industry?: string }>({});
  const list = usePagedList('/roadshow-projects', { params: { query: filters } });
  const reason = useReasonText();
  const base = useProjectColumns();
  const recommended = useProjectColumns<Recommendation>((r) => r.project);
  const followed = new Set(profile.data?.followedProjectIds ?? []);
  const followColumn: TableColumnsType<Project>[number] = {
    title: t('roadshow.follow.column'),
    key: 'follow',
    render: (_, p) => <FollowButton projectId={p.id} following={followed.has(p.id)} onDone={() => void profile.reload()} />,
  };
  const noFocus = profile.data && !profile.data.focusIndustries.length && !profile.data.focusStages.length && profile.data.ticketMinFen === null && profile.data.ticketMaxFen === null;
  return (
    <>
      <PageHeader title={t('roadshow.menu.focus')} sub={t('roadshow.focus.sub')} />
      <Card>
        <Tabs
          items={[
            {
              key: 'recommended',
              label: t('roadshow.focus.recommended'),
              children: (
                <>
                  {noFocus && <Typography.Paragraph type="secondary">{t('roadshow.focus.setProfile')}</Typography.Paragraph>}
                  <LoadError error={recommendations.error} retry={() => void recommendations.reload()} />
                  <ResponsiveTable<Recommendation>
                    rowKey={(r) => r.project.id}
                    loading={recommendations.loading}
                    dataSource={recommendations.data ?? []}
                    pagination={false}
                    scroll={{ x: true }}
                    data-testid="recommendations"
                    locale={{ emptyText: <Empty description={t('roadshow.focus.none')} /> }}
                    columns={[
                      ...recommended.slice(0, 5),
                      { title: t('roadshow.focus.score'), dataIndex: 'score', align: 'right' },
                      { title: t('roadshow.focus.reasons'), key: 'reasons', render: (_, r) => r.reasons.map((x) => <Tag key={x}>{reason(x)}</Tag>) },
                      { title: t('roadshow.follow.column'), key: 'follow', render: (_, r) => <FollowButton projectId={r.project.id} following={followed.has(r.project.id)} onDone={() => void profile.reload()} /> },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'all',
              label: t('roadshow.focus.all'),
              children: (
                <>
                  <ProjectFilters {...filters} statuses={INVESTOR_VISIBLE} onChange={setFilters} />
                  <PagedTable<Project> list={list} columns={[...base, followColumn]} rowKey="id" testId="investor-projects" />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

type ProfileValues = Schema<'UpsertInvestorProfileDto'>;

/** The investor organisation's focus (industries, stages, ticket size) and the projects the user follows. */
export function InvestorProfilePage() {
  const { t } = useI18n();
  const options = useEnumOptions();
  const profile = useApi('/investor-profile');
  const followed = useProjectsByIds(profile.data?.followedProjectIds ?? []);
  const p = profile.data;
  return (
    <>
      <PageHeader title={t('roadshow.menu.profile')} sub={t('roadshow.profile.sub')} />
      <LoadError error={profile.error} retry={() => void profile.reload()} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('roadshow.profile.focus')} style={{ marginBottom: 16 }}>
            {p && (
              <ApiForm<ProfileValues, InvestorProfile>
                schema="UpsertInvestorProfileDto"
                testId="profile-form"
                initialValues={{ focusIndustries: p.focusIndustries, focusStages: p.focusStages, ticketMinFen: p.ticketMinFen ?? undefined, ticketMaxFen: p.ticketMaxFen ?? undefined }}
                submit={(values, key) => api.post('/investor-profile', { body: values, idempotencyKey: key })}
                onDone={() => void profile.reload()}
                successMessage={t('roadshow.profile.saved')}
              >
                <Field name="focusIndustries" label={t('roadshow.profile.industries')}>
                  <Select mode="multiple" options={options.industries} data-testid="profile-industries" />
                </Field>
                <Field name="focusStages" label={t('roadshow.profile.stages')}>
                  <Select mode="multiple" options={options.stages} data-testid="profile-stages" />
                </Field>
                <Space size="large" wrap>
                  <Field name="ticketMinFen" label={t('roadshow.profile.ticketMin')}>
                    <MoneyInput />
                  </Field>
                  <Field name="ticketMaxFen" label={t('roadshow.profile.ticketMax')}>
                    <MoneyInput />
                  </Field>
                </Space>
              </ApiForm>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('roadshow.profile.following')} style={{ marginBottom: 16 }}>
            <List
              dataSource={p?.followedProjectIds ?? []}
              locale={{ emptyText: t('roadshow.profile.noFollows') }}
              renderItem={(id) => {
                const project = followed.get(id);
                return (
                  <List.Item actions={[<FollowButton key="f" projectId={id} following onDone={() => void profile.reload()} />]}>
                    <Space>
                      <ProjectLink id={id} title={project?.title ?? id.slice(0, 8)} number={project?.number} />
                      {project && <StatusTag status={project.status} />}
                      {project && <Money fen={project.financingAskFen} />}
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

interface Move {
  interest: Interest;
  target: string;
}

/** The interest pipeline as a kanban board; each move is confirmed, and an illegal one shows the API's 409. */
export function PipelinePage() {
  const { t, label } = useI18n();
  const interests = useApi('/investor-interests');
  const projects = useProjectsByIds((interests.data ?? []).map((i) => i.projectId));
  const [move, setMove] = useState<Move>();
  const [over, setOver] = useState<string>();
  const all = interests.data ?? [];
  const dropped = all.filter((i) => i.status === 'dropped');
  const targets = [...PIPELINE.slice(1), 'dropped'];
  const card = (i: Interest) => {
    const project = projects.get(i.projectId);
    return (
      <Card
        key={i.id}
        size="small"
        draggable={i.status !== 'dropped' && i.status !== 'invested'}
        onDragStart={(e) => e.dataTransfer.setData('text/plain', i.id)}
        style={{ marginBottom: 8, cursor: 'grab' }}
        data-testid={`interest-card-${i.projectId}`}
        data-status={i.status}
        title={<ProjectLink id={i.projectId} title={project?.title ?? i.projectId.slice(0, 8)} number={project?.number} />}
        extra={
          i.status !== 'dropped' &&
          i.status !== 'invested' && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: targets.filter((s) => s !== i.status).map((s) => ({ key: s, label: s === 'dropped' ? t('roadshow.pipeline.drop') : t('roadshow.pipeline.moveTo', { to: label('status', s) }), danger: s === 'dropped' })),
                onClick: ({ key }) => setMove({ interest: i, target: key }),
              }}
            >
              <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('roadshow.pipeline.move')} data-testid={`interest-move-${i.projectId}`} />
            </Dropdown>
          )
        }
      >
        {project && (
          <div>
            <Money fen={project.financingAskFen} /> · {label('roadshow.stage', project.stage)}
          </div>
        )}
        {i.note && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{i.note}</Typography.Paragraph>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(i.updatedAt)}
        </Typography.Text>
      </Card>
    );
  };
  return (
    <>
      <PageHeader title={t('roadshow.menu.pipeline')} sub={t('roadshow.pipeline.sub')} extra={<Button onClick={() => void interests.reload()}>{t('action.refresh')}</Button>} />
      <LoadError error={interests.error} retry={() => void interests.reload()} />
      {/* On a narrow screen the columns scroll sideways inside this box: keyboard users reach it too (tabIndex). */}
      <div role="region" aria-label={t('roadshow.menu.pipeline')} tabIndex={0} style={{ display: 'grid', gridTemplateColumns: `repeat(${PIPELINE.length}, minmax(200px, 1fr))`, gap: 12, overflowX: 'auto' }} data-testid="pipeline">
        {PIPELINE.map((status) => {
          const items = all.filter((i) => i.status === status);
          return (
            <div
              key={status}
              data-testid={`pipeline-column-${status}`}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(status);
              }}
              onDragLeave={() => setOver(undefined)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(undefined);
                const interest = all.find((i) => i.id === e.dataTransfer.getData('text/plain'));
                if (interest && interest.status !== status) setMove({ interest, target: status });
              }}
              style={{ background: over === status ? '#e6f0ff' : '#f5f6f8', borderRadius: 6, padding: 8, minHeight: 320 }}
            >
              <Space style={{ marginBottom: 8 }}>
                <Typography.Text strong>{label('status', status)}</Typography.Text>
                <Badge count={items.length} showZero color="#1f5fbf" />
              </Space>
              {items.map(card)}
            </div>
          );
        })}
      </div>
      {dropped.length > 0 && (
        <Collapse style={{ marginTop: 16 }} items={[{ key: 'dropped', label: `${label('status', 'dropped')}（${dropped.length}）`, children: dropped.map(card) }]} />
      )}
      {all.length === 0 && !interests.loading && <Empty style={{ marginTop: 24 }} description={t('roadshow.pipeline.none')} />}
      <Modal open={!!move} footer={null} onCancel={() => setMove(undefined)} title={t('roadshow.pipeline.confirmTitle')} destroyOnHidden>
        {move && (
          <ApiForm<Schema<'InterestTransitionDto'>, Interest>
            schema="InterestTransitionDto"
            testId="interest-move-form"
            initialValues={{ event: EVENT_INTO[move.target] }}
            submit={(values, key) => api.post('/roadshow-interests/{id}/transitions', { params: { path: { id: move.interest.id } }, body: values, idempotencyKey: key })}
            onDone={() => {
              setMove(undefined);
              void interests.reload();
            }}
            successMessage={t('action.done')}
            submitLabel={t('roadshow.pipeline.confirm')}
          >
            <Typography.Paragraph>
              {t('roadshow.pipeline.confirmText', {
                project: projects.get(move.interest.projectId)?.title ?? '',
                from: label('status', move.interest.status),
                to: label('status', move.target),
              })}
            </Typography.Paragraph>
            <Field name="event" label={t('roadshow.pipeline.event')} hidden>
              <Input />
            </Field>
            <NoteField />
          </ApiForm>
        )}
      </Modal>
    </>
  );
}
