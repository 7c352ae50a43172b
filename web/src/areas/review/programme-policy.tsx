import { Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { type Schema } from '../../app/api';
import { formatTime, Money } from '../../app/common';
import { LoadError, useApi, useCached } from '../../app/data';
import { type Lang, useI18n } from '../../app/i18n';
import { formatBp } from '@shared/money';
import { capText, fullCoverageText, nameIn, windowText } from '../../features/programmes/policy';
import { CAP_FIELDS } from './programme-form';

type Tier = Schema<'PolicyTierDto'>;
type Policy = Schema<'PolicyDto'>;
type T = (key: string, vars?: Record<string, string | number>) => string;

/** The policy in effect, as written: the tiers, each cap or "no cap", the full-coverage rule and the window. */
export function PolicyCard({ policy, version }: { policy: Policy; version: number }) {
  const { t, lang, label } = useI18n();
  const kinds = useCached('/qualification-kinds');
  const kindName = (code: string) => nameIn(lang, kinds?.find((k) => k.code === code) ?? { nameZh: code, nameEn: code });
  return (
    <Card title={t('review.policy.title', { n: version })} style={{ marginBottom: 16 }} data-testid="policy">
      <Table<Tier>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={policy.tiers}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 16 }}
        data-testid="policy-tiers"
        columns={[
          { title: t('review.programme.tier'), key: 'name', render: (_, tier) => <Space size={4}>{nameIn(lang, tier)}<Typography.Text type="secondary" code>{tier.code}</Typography.Text></Space> },
          { title: t('review.programme.ratio'), dataIndex: 'ratioBp', align: 'right', render: (bp: number) => formatBp(bp) },
          {
            title: t('review.programme.tierQualifications'),
            dataIndex: 'qualifications',
            render: (codes: string[]) => (codes.length ? codes.map((c) => <Tag key={c}>{kindName(c)}</Tag>) : t('review.programme.anyApplicant')),
          },
          {
            title: t('review.programme.tierApplicantKinds'),
            dataIndex: 'applicantKinds',
            render: (kindsOf?: string[]) => (kindsOf?.length ? kindsOf.map((k) => label('review.applicantKind', k)).join('、') : t('review.programme.everyKind')),
          },
        ]}
      />
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        {CAP_FIELDS.map((name) => (
          <Descriptions.Item key={name} label={t(`review.programme.${name}`)}>
            <span data-testid={`policy-${name}`}>{capText(policy[name], t)}</span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('review.programme.fullCoverage')}>
          <span data-testid="policy-fullCoverage">{fullCoverageText(policy.fullCoverage?.thresholdFen, policy.fullCoverage?.comparison, t)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.programme.window')}>
          <span data-testid="policy-window">{windowText(policy.opensOn, policy.closesOn, t)}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Tiers in one line: "一般企业 50%、高新技术企业 60%". */
function tiersSummary(tiers: Tier[], lang: Lang): string {
  return tiers.map((tier) => `${nameIn(lang, tier)} ${formatBp(tier.ratioBp)}`).join(lang === 'en' ? ', ' : '、');
}

/** One side of a change, in words: money formatted, "no cap" for a removed cap, tiers summarised. */
function changeValue(field: string, value: unknown, t: T, lang: Lang): string {
  if (field === 'tiers') return Array.isArray(value) && value.length ? tiersSummary(value as Tier[], lang) : '—';
  if (field === 'fullCoverage') {
    const full = value as { thresholdFen: number; comparison: string } | null;
    return fullCoverageText(full?.thresholdFen, full?.comparison, t);
  }
  if (field === 'opensOn' || field === 'closesOn') return (value as string | null) ?? t('review.version.noDate');
  if (/Fen$/.test(field)) return capText(value as number | null, t);
  return value === null || value === undefined ? '—' : String(value);
}

/** Every version of the policy, newest first, each with what changed from the one before. */
export function VersionsCard({ programId, reloadKey }: { programId: string; reloadKey: number }) {
  const { t, lang } = useI18n();
  const versions = useApi('/programs/{id}/versions', { params: { path: { id: programId } } }, { deps: [reloadKey] });
  const list = [...(versions.data ?? [])].sort((a, b) => b.versionNo - a.versionNo);
  return (
    <Card title={t('review.versions.title')} style={{ marginBottom: 16 }} loading={versions.loading && !versions.data} data-testid="versions">
      <LoadError error={versions.error} retry={() => void versions.reload()} />
      <List
        dataSource={list}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(v) => (
          <List.Item key={v.versionNo} data-testid={`version-${v.versionNo}`}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={8}>
                <Typography.Text strong>{t('review.revision', { n: v.versionNo })}</Typography.Text>
                {v.current && <Tag color="green">{t('review.versions.current')}</Tag>}
                <Typography.Text type="secondary">{t('review.versions.effectiveFrom', { date: v.effectiveFrom })}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(v.createdAt)}</Typography.Text>
              </Space>
              {v.note && <Typography.Text>{v.note}</Typography.Text>}
              {v.changes.length === 0 ? (
                <Typography.Text type="secondary">{t('review.versions.first')}</Typography.Text>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`version-${v.versionNo}-changes`}>
                  {v.changes.map((c) => (
                    <li key={c.field} data-field={c.field}>
                      <Typography.Text type="secondary">{t(`review.versions.field.${c.field}`)}{lang === 'en' ? ': ' : '：'}</Typography.Text>
                      <Typography.Text delete type="secondary">{changeValue(c.field, c.before, t, lang)}</Typography.Text>
                      {' → '}
                      <Typography.Text>{changeValue(c.field, c.after, t, lang)}</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Budget top-ups of the programme: amount, reason and when. */
export function TopUpsCard({ programId, reloadKey }: { programId: string; reloadKey: number }) {
  const { t } = useI18n();
  const topUps = useApi('/programs/{id}/top-ups', { params: { path: { id: programId } } }, { deps: [reloadKey] });
  return (
    <Card title={t('review.topUps.title')} style={{ marginBottom: 16 }} data-testid="top-ups">
      <LoadError error={topUps.error} retry={() => void topUps.reload()} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={topUps.loading && !topUps.data}
        dataSource={topUps.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('review.topUps.none') }}
        columns={[
          { title: t('review.topUps.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('review.topUps.reason'), dataIndex: 'reason' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
        ]}
      />
    </Card>
  );
}
