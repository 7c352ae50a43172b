import { ApartmentOutlined, ApiOutlined, AuditOutlined, CalendarOutlined, DashboardOutlined, EnvironmentOutlined, NodeIndexOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import type { Role } from '../../app/auth';

// Each page loads on first use (web/README.md, "Lazy pages").
const ApiKeysPage = lazyPage(() => import('./api-keys'), 'ApiKeysPage');
const AuditPage = lazyPage(() => import('./audit'), 'AuditPage');
const DailyRunPage = lazyPage(() => import('./daily-run'), 'DailyRunPage');
const LifecyclesPage = lazyPage(() => import('./lifecycles'), 'LifecyclesPage');
const MessageDeliveriesPage = lazyPage(() => import('./message-deliveries'), 'MessageDeliveriesPage');
const QueuesPage = lazyPage(() => import('./queues'), 'QueuesPage');
const RegionsPage = lazyPage(() => import('./regions'), 'RegionsPage');
const UsersPage = lazyPage(() => import('./users'), 'UsersPage');
const WorkflowDetailPage = lazyPage(() => import('./workflows'), 'WorkflowDetailPage');
const WorkflowsPage = lazyPage(() => import('./workflows'), 'WorkflowsPage');

const ADMIN: Role[] = ['platform_admin'];
const group = 'nav.operations';

/**
 * 平台运维 for platform admins. Pages live under /ops: the server itself owns /admin/queues (Bull Board).
 * The queue page comes first: it is the admin's home.
 */
export const adminArea: Area = {
  key: 'admin',
  pages: [
    { path: '/ops/queues', element: <QueuesPage />, roles: ADMIN, menu: 'admin.menu.queues', icon: <DashboardOutlined />, group },
    { path: '/ops/users', element: <UsersPage />, roles: ADMIN, menu: 'admin.menu.users', icon: <TeamOutlined />, group },
    { path: '/ops/regions', element: <RegionsPage />, roles: ADMIN, menu: 'admin.menu.regions', icon: <EnvironmentOutlined />, group },
    { path: '/ops/workflows', element: <WorkflowsPage />, roles: ADMIN, menu: 'admin.menu.workflows', icon: <ApartmentOutlined />, group },
    { path: '/ops/workflows/:key', element: <WorkflowDetailPage />, roles: ADMIN },
    { path: '/ops/audit', element: <AuditPage />, roles: ADMIN, menu: 'admin.menu.audit', icon: <AuditOutlined />, group },
    // GET /admin/message-deliveries is the platform admin's alone (the API's rule).
    { path: '/ops/message-deliveries', element: <MessageDeliveriesPage />, roles: ADMIN, menu: 'admin.menu.messageDeliveries', icon: <SendOutlined />, group },
    { path: '/ops/api-keys', element: <ApiKeysPage />, roles: ADMIN, menu: 'admin.menu.apiKeys', icon: <ApiOutlined />, group },
    { path: '/ops/lifecycles', element: <LifecyclesPage />, roles: ADMIN, menu: 'admin.menu.lifecycles', icon: <NodeIndexOutlined />, group },
    // POST /admin/daily-run is the platform admin's alone (the API's rule).
    { path: '/ops/daily-run', element: <DailyRunPage />, roles: ADMIN, menu: 'admin.menu.dailyRun', icon: <CalendarOutlined />, group },
  ],
  // Platform operators' words load with their first page (web/README.md, "Lazy words").
  loadMessages: () => import('./words').then((m) => m.words),
};
