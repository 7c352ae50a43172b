import { AuditOutlined, CloudUploadOutlined, DatabaseOutlined, HomeOutlined, InboxOutlined } from '@ant-design/icons';
import type { Area } from '../../app/area';
import { ClaimPage } from '../enterprise/claims';
import { LabHome } from './admission';
import { LabImportsPage } from './imports';
import { labMessages } from './messages';
import { LabClaimsPage, LabOrderPage, LabOrdersPage } from './orders';
import { LabServicesPage } from './services';

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
    { path: '/lab/claims/:id', element: <ClaimPage side="lab" />, ...role },
  ],
  messages: labMessages,
};
