import { AuditOutlined, CloudUploadOutlined, LikeOutlined, DatabaseOutlined, HomeOutlined, InboxOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import { labMessages } from './messages';

// Each page loads on first use (web/README.md, "Lazy pages").
const LabHome = lazyPage(() => import('./admission'), 'LabHome');
const LabImportsPage = lazyPage(() => import('./imports'), 'LabImportsPage');
const LabClaimPage = lazyPage(() => import('./orders'), 'LabClaimPage');
const LabClaimsPage = lazyPage(() => import('./orders'), 'LabClaimsPage');
const LabOrderPage = lazyPage(() => import('./orders'), 'LabOrderPage');
const LabOrdersPage = lazyPage(() => import('./orders'), 'LabOrdersPage');
const LabServicesPage = lazyPage(() => import('./services'), 'LabServicesPage');
const LabRatingsPage = lazyPage(() => import('./ratings'), 'LabRatingsPage');

const role = { roles: ['provider_user' as const] };
const CATALOGUE = 'lab.menu.catalogue';
const BUSINESS = 'lab.menu.business';

/** The lab (服务机构) portal: admission, its catalogue (editor and CSV import), incoming orders, 通兑 claims. */
export const labArea: Area = {
  key: 'lab',
  pages: [
    { path: '/lab', element: <LabHome />, ...role, menu: 'lab.menu.home', icon: <HomeOutlined /> },
    { path: '/lab/services', element: <LabServicesPage />, ...role, menu: 'lab.menu.services', icon: <DatabaseOutlined />, group: CATALOGUE },
    { path: '/lab/imports', element: <LabImportsPage />, ...role, menu: 'lab.menu.imports', icon: <CloudUploadOutlined />, group: CATALOGUE },
    { path: '/lab/orders', element: <LabOrdersPage />, ...role, menu: 'lab.menu.orders', icon: <InboxOutlined />, group: BUSINESS },
    { path: '/lab/orders/:id', element: <LabOrderPage />, ...role },
    { path: '/lab/claims', element: <LabClaimsPage />, ...role, menu: 'lab.menu.claims', icon: <AuditOutlined />, group: BUSINESS },
    { path: '/lab/claims/:id', element: <LabClaimPage />, ...role },
    { path: '/lab/ratings', element: <LabRatingsPage />, ...role, menu: 'lab.ratings.menu', icon: <LikeOutlined />, group: BUSINESS },
  ],
  messages: labMessages,
};
