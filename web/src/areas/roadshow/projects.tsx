import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { Money, PageHeader, StatusTag, formatTime } from '../../app/common';
import { useI18n } from '../../app/i18n';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { ProjectLink, useEnumOptions, useRegions } from './shared';
import { PROJECT_STATUSES, Project } from './types';

/** The columns every project table shares; `of` finds the project in a row (a recommendation wraps one). */
export function useProjectColumns<R = Project>(of: (row: R) => Project = (row) => row as unknown as Project): TableColumnsType<R> {
  const { t, label } = useI18n();
  const regions = useRegions();
  return [
    { title: t('roadshow.project.title'), key: 'title', render: (_, r) => <ProjectLink id={of(r).id} title={of(r).title} number={of(r).number} /> },
    { title: t('roadshow.project.industry'), key: 'industry', render: (_, r) => label('roadshow.industry', of(r).industry) },
    { title: t('roadshow.project.stage'), key: 'stage', render: (_, r) => label('roadshow.stage', of(r).stage) },
    { title: t('roadshow.project.ask'), key: 'ask', align: 'right', render: (_, r) => <Money fen={of(r).financingAskFen} /> },
    { title: t('roadshow.project.region'), key: 'region', render: (_, r) => regions.name(of(r).regionCode) },
    { title: t('common.status'), key: 'status', render: (_, r) => <StatusTag status={of(r).status} /> },
    { title: t('common.updatedAt'), key: 'changed', render: (_, r) => formatTime(of(r).statusChangedAt) },
  ];
}

/** Filters of project lists: status (where the role sees more than one) and industry. */
export function ProjectFilters(props: { status?: string; industry?: string; onChange(next: { status?: string; industry?: string }): void; statuses?: readonly string[] }) {
  const { t, label } = useI18n();
  const options = useEnumOptions();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        allowClear
        placeholder={t('common.status')}
        aria-label={t('common.status')}
        style={{ width: 160 }}
        value={props.status}
        onChange={(status) => props.onChange({ status, industry: props.industry })}
        options={(props.statuses ?? PROJECT_STATUSES).map((s) => ({ value: s, label: label('status', s) }))}
        data-testid="filter-status"
      />
      <Select
        allowClear
        placeholder={t('roadshow.project.industry')}
        aria-label={t('roadshow.project.industry')}
        style={{ width: 200 }}
        value={props.industry}
        onChange={(industry) => props.onChange({ status: props.status, industry })}
        options={options.industries}
        data-testid="filter-industry"
      />
    </Space>
  );
}

/** Enterprises: their own projects. Organisers: every project, for screening follow-up, coaching and outcomes. */
export function ProjectListPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<{ status?: string; industry?: string }>({});
  const list = usePagedList('/roadshow-projects', { params: { query: filters } });
  const base = useProjectColumns();
  const enterprise = me.user.role === 'enterprise_user';
  // Organisers decide screening in the approval inbox: link each project under screening to its case.
  const columns: TableColumnsType<Project> = enterprise
    ? base
    : [
        ...base,
        {
          title: t('common.actions'),
          key: 'case',
          render: (_, p) => p.screeningCaseId && p.status === 'screening' && <Link to={`/review/cases/${p.screeningCaseId}`}>{t('roadshow.project.screeningCase')}</Link>,
        },
      ];
  return (
    <>
      <PageHeader
        title={enterprise ? t('roadshow.menu.myProjects') : t('roadshow.menu.projects')}
        sub={enterprise ? t('roadshow.project.listSubEnterprise') : t('roadshow.project.listSubAdmin')}
        extra={
          enterprise && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/roadshow/projects/new')} data-testid="project-new">
              {t('roadshow.project.new')}
            </Button>
          )
        }
      />
      <Card>
        <ProjectFilters {...filters} onChange={setFilters} />
        <PagedTable<Project> list={list} columns={columns} rowKey="id" testId="project-table" />
      </Card>
    </>
  );
}
