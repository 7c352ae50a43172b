import { BarChartOutlined, ClockCircleOutlined, EnvironmentOutlined, RiseOutlined, SwapOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import type { Role } from '../../app/auth';

// Each page loads on first use (web/README.md, "Lazy pages").
const ApprovalTimesPage = lazyPage(() => import('./approvals'), 'ApprovalTimesPage');
const BudgetByDistrictPage = lazyPage(() => import('./budget'), 'BudgetByDistrictPage');
const CrossRegionFlowPage = lazyPage(() => import('./flow'), 'CrossRegionFlowPage');
const ProviderMapPage = lazyPage(() => import('./map'), 'ProviderMapPage');
const BigScreenPage = lazyPage(() => import('./screen'), 'BigScreenPage');
const RoadshowOutcomesPage = lazyPage(() => import('./roadshows'), 'RoadshowOutcomesPage');

/** Who GET /dashboards/* answers. */
const AGENCIES: Role[] = ['reviewer', 'approver', 'finance', 'partner_admin', 'platform_admin'];
const group = 'dashboards.group';

/** 数据看板: the bureaus' and the platform's dashboards, drawn with echarts. */
export const dashboardsArea: Area = {
  key: 'dashboards',
  pages: [
    { path: '/dashboards/budget', element: <BudgetByDistrictPage />, roles: AGENCIES, menu: 'dashboards.menu.budget', icon: <BarChartOutlined />, group },
    { path: '/dashboards/flow', element: <CrossRegionFlowPage />, roles: AGENCIES, menu: 'dashboards.menu.flow', icon: <SwapOutlined />, group },
    { path: '/dashboards/approvals', element: <ApprovalTimesPage />, roles: AGENCIES, menu: 'dashboards.menu.approvals', icon: <ClockCircleOutlined />, group },
    // GET /roadshow-stats answers the city bureau and the platform.
    { path: '/dashboards/roadshows', element: <RoadshowOutcomesPage />, roles: ['approver', 'platform_admin'], menu: 'dashboards.menu.roadshows', icon: <RiseOutlined />, group },
    { path: '/dashboards/map', element: <ProviderMapPage />, roles: AGENCIES, menu: 'dashboards.menu.map', icon: <EnvironmentOutlined />, group },
  ],
  // 大屏: anyone may open it, without signing in (GET /public/big-screen).
  publicPages: [{ path: '/screen', element: <BigScreenPage /> }],
  // Dashboards' words load with their first page or the big screen (web/README.md, "Lazy words").
  loadMessages: () => import('./messages').then((m) => m.dashboardsMessages),
};
