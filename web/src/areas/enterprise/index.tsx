import { ApartmentOutlined, AppstoreOutlined, AuditOutlined, FileTextOutlined, HomeOutlined, ProfileOutlined, SafetyCertificateOutlined, SearchOutlined, TeamOutlined, WalletOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import { enterpriseMessages } from './messages';

// Each page loads on first use (web/README.md, "Lazy pages").
const ApplicationPage = lazyPage(() => import('./applications'), 'ApplicationPage');
const ApplicationsPage = lazyPage(() => import('./applications'), 'ApplicationsPage');
const ApplyPage = lazyPage(() => import('./applications'), 'ApplyPage');
const ProgramsPage = lazyPage(() => import('./applications'), 'ProgramsPage');
const CatalogPage = lazyPage(() => import('./catalog'), 'CatalogPage');
const ServicePage = lazyPage(() => import('./catalog'), 'ServicePage');
const ClaimPage = lazyPage(() => import('./claims'), 'EnterpriseClaimPage');
const EnterpriseClaimsPage = lazyPage(() => import('./claims'), 'EnterpriseClaimsPage');
const ControllerGroupPage = lazyPage(() => import('./controller-group'), 'ControllerGroupPage');
const EnterpriseHome = lazyPage(() => import('./home'), 'EnterpriseHome');
const EnterpriseOrderPage = lazyPage(() => import('./orders'), 'EnterpriseOrderPage');
const EnterpriseOrdersPage = lazyPage(() => import('./orders'), 'EnterpriseOrdersPage');
const TeamMembersPage = lazyPage(() => import('./team-members'), 'TeamMembersPage');
const QualificationsPage = lazyPage(() => import('./qualifications'), 'QualificationsPage');
const RegisterPage = lazyPage(() => import('./register'), 'RegisterPage');
const VoucherPage = lazyPage(() => import('./vouchers'), 'VoucherPage');
const VouchersPage = lazyPage(() => import('./vouchers'), 'VouchersPage');

const ENTERPRISE = ['enterprise_user'] as const;
const role = { roles: [...ENTERPRISE] };
const VOUCHERS = 'enterprise.menu.vouchers';
const SERVICES = 'enterprise.menu.services';

/** The enterprise (申领企业) and innovation team (创新团队) portal: vouchers from application to statement, catalogue orders, 通用 claims; and public registration. */
export const enterpriseArea: Area = {
  key: 'enterprise',
  pages: [
    { path: '/enterprise', element: <EnterpriseHome />, ...role, menu: 'enterprise.menu.home', icon: <HomeOutlined /> },
    { path: '/enterprise/qualifications', element: <QualificationsPage />, ...role, menu: 'enterprise.menu.qualifications', icon: <SafetyCertificateOutlined />, kinds: ['enterprise'] },
    { path: '/enterprise/controller-group', element: <ControllerGroupPage />, ...role, menu: 'enterprise.menu.controllerGroup', icon: <ApartmentOutlined />, kinds: ['enterprise'] },
    { path: '/enterprise/team', element: <TeamMembersPage />, ...role, menu: 'enterprise.menu.team', icon: <TeamOutlined />, kinds: ['team'] },
    { path: '/enterprise/programs', element: <ProgramsPage />, ...role, menu: 'enterprise.menu.programs', icon: <AppstoreOutlined />, group: VOUCHERS },
    { path: '/enterprise/programs/:id/apply', element: <ApplyPage />, ...role },
    { path: '/enterprise/applications', element: <ApplicationsPage />, ...role, menu: 'enterprise.menu.applications', icon: <FileTextOutlined />, group: VOUCHERS },
    { path: '/enterprise/applications/:id', element: <ApplicationPage />, ...role },
    { path: '/enterprise/vouchers', element: <VouchersPage />, ...role, menu: 'enterprise.menu.myVouchers', icon: <WalletOutlined />, group: VOUCHERS },
    { path: '/enterprise/vouchers/:id', element: <VoucherPage />, ...role },
    { path: '/enterprise/catalog', element: <CatalogPage />, ...role, menu: 'enterprise.menu.catalog', icon: <SearchOutlined />, group: SERVICES },
    { path: '/enterprise/catalog/:id', element: <ServicePage />, ...role },
    { path: '/enterprise/orders', element: <EnterpriseOrdersPage />, ...role, menu: 'enterprise.menu.orders', icon: <ProfileOutlined />, group: SERVICES },
    { path: '/enterprise/orders/:id', element: <EnterpriseOrderPage />, ...role },
    { path: '/enterprise/claims', element: <EnterpriseClaimsPage />, ...role, menu: 'enterprise.menu.claims', icon: <AuditOutlined />, group: SERVICES },
    { path: '/enterprise/claims/:id', element: <ClaimPage />, ...role },
  ],
  publicPages: [{ path: '/register', element: <RegisterPage /> }],
  messages: enterpriseMessages,
};
