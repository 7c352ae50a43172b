import { ApartmentOutlined, AuditOutlined, BankOutlined, StopOutlined, CloudUploadOutlined, FileSearchOutlined, FundOutlined, InboxOutlined, SafetyCertificateOutlined, SwapOutlined, WalletOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import type { Role } from '../../app/auth';

// Each page loads on first use (web/README.md, "Lazy pages").
const AgreementDetailPage = lazyPage(() => import('./agreements'), 'AgreementDetailPage');
const AgreementsPage = lazyPage(() => import('./agreements'), 'AgreementsPage');
const CasePage = lazyPage(() => import('./case'), 'CasePage');
const CasesPage = lazyPage(() => import('./case'), 'CasesPage');
const ControllerGroupDetailPage = lazyPage(() => import('./controller-groups'), 'ControllerGroupDetailPage');
const ControllerGroupsPage = lazyPage(() => import('./controller-groups'), 'ControllerGroupsPage');
const InboxPage = lazyPage(() => import('./inbox'), 'InboxPage');
const ProgrammeDetailPage = lazyPage(() => import('./programmes'), 'ProgrammeDetailPage');
const ProgrammesPage = lazyPage(() => import('./programmes'), 'ProgrammesPage');
const ProvidersPage = lazyPage(() => import('./providers'), 'ProvidersPage');
const PartnerImportsPage = lazyPage(() => import('./imports'), 'PartnerImportsPage');
const SettlementDetailPage = lazyPage(() => import('./settlements'), 'SettlementDetailPage');
const SettlementsPage = lazyPage(() => import('./settlements'), 'SettlementsPage');
const FourEyesPage = lazyPage(() => import('./four-eyes'), 'FourEyesPage');
const MisconductPage = lazyPage(() => import('./misconduct'), 'MisconductPage');
const PartnerStatementsPage = lazyPage(() => import('./partner-statements'), 'PartnerStatementsPage');
const PartnerStatementPage = lazyPage(() => import('./partner-statements'), 'PartnerStatementPage');
const VouchersOversightPage = lazyPage(() => import('./reversals'), 'VouchersOversightPage');
const ClaimsOversightPage = lazyPage(() => import('./reversals'), 'ClaimsOversightPage');

const APPROVALS = 'review.group.approvals';
const FUNDS = 'review.group.funds';
const AGENCIES: Role[] = ['reviewer', 'approver', 'finance', 'partner_admin', 'platform_admin'];
const SETTLEMENT_READERS: Role[] = ['finance', 'approver', 'platform_admin'];

/**
 * Deciders and money: the inbox (home of reviewer, approver and partner admin), cases, programmes,
 * recognition agreements, settlement batches (home of finance) and provider admissions.
 * Order matters: a role's home is its first menu page.
 */
export const reviewArea: Area = {
  key: 'review',
  pages: [
    { path: '/review/tasks', element: <InboxPage />, roles: ['reviewer', 'approver', 'partner_admin', 'platform_admin'], menu: 'review.menu.inbox', icon: <InboxOutlined />, group: APPROVALS },
    { path: '/review/settlements', element: <SettlementsPage />, roles: SETTLEMENT_READERS, menu: 'review.menu.settlements', icon: <BankOutlined />, group: FUNDS },
    // Finance decides only where a workflow names it; its inbox sits after its home, the settlement list.
    { path: '/review/finance/tasks', element: <InboxPage />, roles: ['finance'], menu: 'review.menu.inbox', icon: <InboxOutlined />, group: APPROVALS },
    { path: '/review/cases', element: <CasesPage />, roles: AGENCIES, menu: 'review.menu.cases', icon: <FileSearchOutlined />, group: APPROVALS },
    { path: '/review/cases/:id', element: <CasePage />, roles: AGENCIES },
    { path: '/review/providers', element: <ProvidersPage />, roles: ['reviewer', 'approver', 'partner_admin', 'platform_admin'], menu: 'review.menu.providers', icon: <SafetyCertificateOutlined />, group: APPROVALS },
    // 批量导入: the partner region's catalogue (features/catalog/imports.tsx, shared with the lab's own import).
    { path: '/review/imports', element: <PartnerImportsPage />, roles: ['partner_admin'], menu: 'review.menu.imports', icon: <CloudUploadOutlined />, group: APPROVALS },
    { path: '/review/controller-groups', element: <ControllerGroupsPage />, roles: ['reviewer', 'approver', 'partner_admin', 'platform_admin'], menu: 'review.menu.groups', icon: <ApartmentOutlined />, group: APPROVALS },
    { path: '/review/controller-groups/:id', element: <ControllerGroupDetailPage />, roles: ['reviewer', 'approver', 'partner_admin', 'platform_admin'] },
    { path: '/review/programmes', element: <ProgrammesPage />, roles: AGENCIES, menu: 'review.menu.programmes', icon: <FundOutlined />, group: FUNDS },
    { path: '/review/programmes/:id', element: <ProgrammeDetailPage />, roles: AGENCIES },
    { path: '/review/agreements', element: <AgreementsPage />, roles: ['approver', 'partner_admin', 'platform_admin'], menu: 'review.menu.agreements', icon: <SwapOutlined />, group: FUNDS },
    { path: '/review/agreements/:id', element: <AgreementDetailPage />, roles: ['approver', 'partner_admin', 'platform_admin'] },
    { path: '/review/settlements/:id', element: <SettlementDetailPage />, roles: SETTLEMENT_READERS },
    // Vouchers (revocation) and claims (claw-back) of the reader's regions; the API decides who may do either.
    { path: '/review/vouchers', element: <VouchersOversightPage />, roles: ['reviewer', 'approver', 'finance', 'platform_admin'], menu: 'review.menu.vouchers', icon: <WalletOutlined />, group: FUNDS },
    { path: '/review/claims', element: <ClaimsOversightPage />, roles: ['reviewer', 'approver', 'finance', 'partner_admin', 'platform_admin'], menu: 'review.menu.claims', icon: <AuditOutlined />, group: FUNDS },
    // Four eyes on money: revocations and claw-backs above the threshold wait here for a second person.
    { path: '/review/four-eyes', element: <FourEyesPage />, roles: ['approver', 'finance', 'platform_admin'], menu: 'review.menu.fourEyes', icon: <SafetyCertificateOutlined />, group: FUNDS },
    // 失信记录: the paying region's approvers record misconduct; other bureaus read their region's records.
    { path: '/review/misconduct', element: <MisconductPage />, roles: ['approver', 'reviewer', 'finance', 'partner_admin', 'platform_admin'], menu: 'review.menu.misconduct', icon: <StopOutlined />, group: APPROVALS },
    // A partner region's statements: the batches that pay its providers, its own lines only.
    { path: '/review/partner-statements', element: <PartnerStatementsPage />, roles: ['partner_admin'], menu: 'review.menu.partnerStatements', icon: <BankOutlined />, group: FUNDS },
    { path: '/review/partner-statements/:id', element: <PartnerStatementPage />, roles: ['partner_admin'] },
  ],
  // The bureaus' words load with their first page (web/README.md, "Lazy words"): an enterprise never downloads them.
  loadMessages: () => import('./words').then((m) => m.words),
};
