import { Col, ConfigProvider, Row, Table, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatFen } from '@shared/money';
import { useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { ElderToggle } from '../../app/elder-toggle';
import { LanguageSwitch } from '../../app/language-switch';
import { Chart } from './chart';
import { deltaMapOption, type LayerKey } from './geo-layers';
import { useRegions } from './shared';

/** Never faster than this, whatever the server's snapshot lifetime: a wall screen refreshes, it does not poll. */
const MIN_REFRESH_SECONDS = 30;
/**
 * The screen's colours for antd's parts. Set in full: the portal's themes (app/theme.ts) set near-black text, which a
 * nested theme inherits, and in elder mode that fell under 4.5:1 on the dark ground (axe).
 */
const DARK = {
  colorBgContainer: '#0b2547',
  colorText: 'rgba(255, 255, 255, 0.92)',
  colorTextHeading: '#ffffff',
  colorTextSecondary: 'rgba(255, 255, 255, 0.78)',
  colorTextTertiary: 'rgba(255, 255, 255, 0.72)',
  colorTextDescription: 'rgba(255, 255, 255, 0.78)',
  colorTextPlaceholder: 'rgba(255, 255, 255, 0.65)',
  colorPrimary: '#1f5fbf',
  colorLink: '#91caff',
  colorInfo: '#91caff',
  colorBorder: '#3d6cb3',
  colorBorderSecondary: '#1f4c87',
};
/**
 * The header's buttons (elder mode) keep light text when hovered, focused or pressed: antd's default derives the
 * hover text from the primary blue, 3.2:1 on the dark ground (axe, after the toggle had just been clicked).
 */
const DARK_BUTTON = {
  defaultColor: '#ffffff',
  defaultBg: 'transparent',
  defaultHoverColor: '#ffffff',
  defaultHoverBg: 'rgba(145, 202, 255, 0.16)',
  defaultHoverBorderColor: '#91caff',
  defaultActiveColor: '#ffffff',
  defaultActiveBg: 'rgba(145, 202, 255, 0.24)',
  defaultActiveBorderColor: '#bae0ff',
};
const FIGURES = ['activeProviders', 'services', 'projects', 'landings', 'crossRegionOrders'] as const;

/**
 * 大屏: the public big screen, open without signing in (GET /public/big-screen). Dark, large figures, the delta
 * map with providers, voucher flows, projects and landings, refreshed on the server's rhythm. Only counts and sums
 * per place (docs/domain.md, "The public big screen"); the tables under the map read out the same figures.
 */
export function BigScreenPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const screen = useApi('/public/big-screen');
  const [now, setNow] = useState(() => new Date());
  const refresh = Math.max(MIN_REFRESH_SECONDS, screen.data?.refreshSeconds ?? MIN_REFRESH_SECONDS);
  const { reload } = screen;
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(new Date());
      void reload();
    }, refresh * 1000);
    return () => clearInterval(timer);
  }, [refresh, reload]);

  const d = screen.data;
  const name = regions.name;
  const g60 = useMemo(() => regions.regions.filter((r) => r.isG60).map((r) => r.code), [regions.regions]);
  const option = useMemo(() => {
    const cities = d?.cities ?? [];
    const layers: Partial<Record<LayerKey, { points?: { regionCode: string; value: number }[]; lines?: { from: string; to: string; value: number; label: string }[] }>> = {
      providers: { points: cities.filter((c) => c.activeProviders > 0).map((c) => ({ regionCode: c.regionCode, value: c.activeProviders })) },
      projects: { points: cities.filter((c) => c.projects > 0).map((c) => ({ regionCode: c.regionCode, value: c.projects })) },
      voucherFlows: { lines: (d?.voucherFlows ?? []).map((f) => ({ from: f.fromRegionCode, to: f.toRegionCode, value: f.orders, label: `${name(f.fromRegionCode)} → ${name(f.toRegionCode)}` })) },
      landings: { lines: (d?.landings ?? []).map((l) => ({ from: l.fromRegionCode, to: l.toRegionCode, value: l.projects, label: `${name(l.fromRegionCode)} → ${name(l.toRegionCode)}` })) },
    };
    return deltaMapOption({ places: cities, g60, layers, layerName: (k) => t(`dashboards.map.layer.${k}`), regionName: (code) => name(code), dark: true });
  }, [d, g60, t, name]);

  const value = (k: (typeof FIGURES)[number]) => d?.totals[k] ?? 0;
  return (
    // The dark palette for antd's own parts (table, language switch) on the screen's dark ground.
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: DARK, components: { Button: DARK_BUTTON } }}>
    <main className="big-screen" data-testid="big-screen" style={{ minHeight: '100vh', background: '#061a33', color: '#e6f0ff', padding: '16px 24px' }}>
      <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
        <h1 style={{ color: '#fff', fontSize: 'clamp(22px, 2.4vw, 40px)', margin: 0, letterSpacing: 2 }}>{t('screen.title')}</h1>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 16 }}>
          <span style={{ color: '#b8cbe6' }} data-testid="screen-updated">
            {t('screen.updated')} {d ? new Date(d.computedAt).toLocaleTimeString() : '—'}
          </span>
          <LanguageSwitch testId="screen-lang" />
          <ElderToggle />
          <Link to="/login" style={{ color: '#91caff' }}>{t('screen.signIn')}</Link>
        </div>
      </header>
      <p style={{ color: '#b8cbe6', margin: '4px 0 16px' }}>{t('screen.sub')}</p>
      <Row gutter={[16, 16]}>
        {FIGURES.map((k) => (
          <Col key={k} xs={12} md={8} xl={4} flex="1">
            <section aria-label={t(`screen.figure.${k}`)} data-testid={`screen-${k}`} style={{ border: '1px solid #1f4c87', borderRadius: 8, padding: '12px 16px', background: '#0b2547' }}>
              <div style={{ color: '#b8cbe6', fontSize: 16 }}>{t(`screen.figure.${k}`)}</div>
              <div style={{ color: '#ffd666', fontSize: 'clamp(28px, 3vw, 52px)', fontWeight: 700, lineHeight: 1.2 }}>{value(k).toLocaleString()}</div>
            </section>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4} flex="1">
          <section aria-label={t('screen.figure.crossRegionSubsidy')} data-testid="screen-crossRegionSubsidy" style={{ border: '1px solid #1f4c87', borderRadius: 8, padding: '12px 16px', background: '#0b2547' }}>
            <div style={{ color: '#b8cbe6', fontSize: 16 }}>{t('screen.figure.crossRegionSubsidy')}</div>
            <div style={{ color: '#ffd666', fontSize: 'clamp(22px, 2.4vw, 40px)', fontWeight: 700, lineHeight: 1.4 }}>{formatFen(d?.totals.crossRegionSubsidyFen ?? 0)}</div>
          </section>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={15}>
          <div data-testid="screen-map" style={{ border: '1px solid #1f4c87', borderRadius: 8, background: '#071f3d' }}>
            <Chart option={option} height="min(70vh, 720px)" testId="chart-big-screen" label={t('screen.map')} />
          </div>
        </Col>
        <Col xs={24} xl={9}>
          <h2 style={{ color: '#fff', fontSize: 20, marginTop: 0 }}>{t('screen.byCity')}</h2>
          <Table
            className="big-screen-table"
            data-testid="table-big-screen"
            size="small"
            pagination={false}
            rowKey="regionCode"
            dataSource={d?.cities ?? []}
            loading={screen.loading && !d}
            scroll={{ x: true }}
            columns={[
              { title: t('common.region'), dataIndex: 'regionCode', render: (code: string, r) => (r.isG60 ? <b>{name(code, r.regionName)}</b> : name(code, r.regionName)) },
              ...(['activeProviders', 'services', 'projects', 'landings'] as const).map((k) => ({ title: t(`screen.figure.${k}`), dataIndex: k, align: 'right' as const })),
            ]}
          />
          <p style={{ color: '#b8cbe6', marginTop: 12 }}>{t('screen.note', { seconds: refresh, at: now.toLocaleTimeString() })}</p>
        </Col>
      </Row>
    </main>
    </ConfigProvider>
  );
}
