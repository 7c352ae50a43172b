import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Schema } from '../../app/api';
import { formatTime, Money } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { ElderToggle } from '../../app/elder-toggle';
import { LanguageSwitch } from '../../app/language-switch';
import { useRegions } from '../../app/regions';

type OpenService = Schema<'CatalogServiceDto'>;
type OpenSession = Schema<'OpenSessionDto'>;
type OpenSlot = Schema<'OpenAgendaSlotDto'>;

/**
 * A widget's frame: no portal shell, sign-in or menu; a title, a language switch and a link into the platform
 * (docs/security.md, "Embedding": other sites frame these pages when EMBED_ALLOWED_ORIGINS lists them).
 */
function WidgetFrame({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <main style={{ padding: 12, background: '#fff', minHeight: '100vh' }} data-testid={testId}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>{title}</Typography.Title>
        <Space size="small">
          <ElderToggle compact />
          <LanguageSwitch testId="embed-lang" />
        </Space>
      </div>
      {children}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('embed.poweredBy')} ·{' '}
        <a href="/" target="_blank" rel="noopener" style={{ textDecoration: 'underline' }}>{t('embed.open')}</a>
      </Typography.Paragraph>
    </main>
  );
}

/** 服务目录: the listed services of admitted providers, searched as in the portal. */
export function CatalogWidget() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [cursor, setCursor] = useState<string>();
  const loaded = useApi('/open/catalog/services', { params: { query: { q: q || undefined, limit: 10, cursor } } });
  return (
    <WidgetFrame title={t('embed.catalog.title')} testId="embed-catalog">
      <Input.Search
        aria-label={t('embed.catalog.search')}
        placeholder={t('embed.catalog.search')}
        allowClear
        onSearch={(value) => {
          setCursor(undefined);
          setQ(value.trim());
        }}
        style={{ marginBottom: 12 }}
        data-testid="embed-catalog-search"
      />
      <LoadError error={loaded.error} retry={() => void loaded.reload()} />
      <Table<OpenService>
        size="small"
        rowKey="id"
        loading={loaded.loading}
        dataSource={loaded.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('embed.catalog.empty') }}
        scroll={{ x: true }}
        columns={[
          { dataIndex: 'name', title: t('embed.catalog.name') },
          { dataIndex: 'providerName', title: t('embed.catalog.provider') },
          { dataIndex: 'unitPriceFen', title: t('embed.catalog.price'), render: (fen: number, s) => <><Money fen={fen} /> / {s.unit}</> },
          { dataIndex: 'leadTimeDays', title: t('embed.catalog.leadTime'), render: (n: number) => t('embed.catalog.days', { n }) },
        ]}
      />
      {loaded.data?.nextCursor && (
        <Button style={{ marginTop: 8 }} onClick={() => setCursor(loaded.data?.nextCursor ?? undefined)}>
          {t('embed.catalog.more')}
        </Button>
      )}
    </WidgetFrame>
  );
}

/** 路演日历: published sessions from yesterday on. */
export function RoadshowCalendarWidget() {
  const { t } = useI18n();
  const regions = useRegions();
  const loaded = useApi('/open/roadshow-sessions');
  return (
    <WidgetFrame title={t('embed.roadshows.title')} testId="embed-roadshows">
      <LoadError error={loaded.error} retry={() => void loaded.reload()} />
      <Table<OpenSession>
        size="small"
        rowKey="id"
        loading={loaded.loading}
        dataSource={loaded.data ?? []}
        pagination={false}
        locale={{ emptyText: t('embed.roadshows.empty') }}
        scroll={{ x: true }}
        columns={[
          { dataIndex: 'startsAt', title: t('embed.roadshows.when'), render: (at: string) => formatTime(at) },
          {
            dataIndex: 'title',
            title: t('embed.roadshows.session'),
            render: (title: string, s) => (
              <Space size={4} wrap>
                <span>{title}</span>
                <Tag>{t(`embed.type.${s.type}`)}</Tag>
              </Space>
            ),
          },
          { dataIndex: 'venue', title: t('embed.roadshows.where'), render: (venue: string | null, s) => `${regions.name(s.hostCityCode)} · ${venue ?? t('embed.roadshows.cloud')}` },
          { dataIndex: 'seatsLeft', title: t('embed.roadshows.seats') },
          { key: 'live', title: t('embed.roadshows.live'), render: (_: unknown, s) => (s.hasLivePage ? <Link to={`/embed/sessions/${s.id}/live`}>{t('embed.roadshows.live')}</Link> : '—') },
        ]}
      />
    </WidgetFrame>
  );
}

/** 路演现场: a session's published agenda, the pitch on stage (refreshed every 30 s) and, when public, its stream. */
export function SessionLiveWidget() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const loaded = useApi('/open/roadshow-sessions/{id}', { params: { path: { id } } }, { pollMs: 30_000 });
  const session = loaded.data;
  const onStage = session?.slots.find((s) => s.slotIndex === session.onStageSlotIndex);
  return (
    <WidgetFrame title={session?.title ?? t('embed.live.title')} testId="embed-live">
      <LoadError error={loaded.error} retry={() => void loaded.reload()} />
      {session && (
        <>
          <Typography.Paragraph>
            {formatTime(session.startsAt)} – {formatTime(session.endsAt)} · {session.venue ?? t('embed.roadshows.cloud')}
          </Typography.Paragraph>
          {session.status === 'finished' && <Alert type="info" showIcon title={t('embed.live.finished')} style={{ marginBottom: 12 }} />}
          {onStage && (
            <Alert type="success" showIcon title={`${t('embed.live.onStage')}：${onStage.projectTitle}（${onStage.enterpriseName}）`} style={{ marginBottom: 12 }} data-testid="embed-on-stage" />
          )}
          {session.hasLivePage && session.status === 'published' &&
            (session.streamUrl ? (
              <Button type="primary" href={session.streamUrl} target="_blank" rel="noopener" style={{ marginBottom: 12 }}>
                {t('embed.live.watch')}
              </Button>
            ) : (
              <Typography.Paragraph type="secondary">{t('embed.live.registered')}</Typography.Paragraph>
            ))}
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('embed.live.agenda')}</Typography.Title>
          <Table<OpenSlot>
            size="small"
            rowKey="slotIndex"
            dataSource={session.slots}
            pagination={false}
            locale={{ emptyText: t('embed.live.noAgenda') }}
            scroll={{ x: true }}
            columns={[
              { dataIndex: 'slotIndex', title: '#', render: (n: number) => t('embed.live.slot', { n: n + 1 }) },
              { dataIndex: 'startsAt', title: t('embed.roadshows.when'), render: (at: string) => formatTime(at) },
              { dataIndex: 'projectTitle', title: t('embed.live.project') },
              { dataIndex: 'enterpriseName', title: t('embed.live.enterprise') },
              { dataIndex: 'industry', title: t('embed.live.industry'), render: (code: string) => t(`roadshow.industry.${code}`) },
            ]}
          />
        </>
      )}
    </WidgetFrame>
  );
}
