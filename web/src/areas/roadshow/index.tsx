import { AlertOutlined, ApartmentOutlined, AuditOutlined, CalendarOutlined, EnvironmentOutlined, FileSearchOutlined, FundProjectionScreenOutlined, NodeIndexOutlined, ProjectOutlined, ScheduleOutlined, SolutionOutlined, StarOutlined, UserOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import { Alert } from 'antd';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { useMe } from '../../app/auth';
import { LoadError, useApi } from '../../app/data';
import { roadshowMessages } from './messages';
import { reviewMessages } from './review-messages';

// Each page loads on first use (web/README.md, "Lazy pages").
const FocusProjectsPage = lazyPage(() => import('./investor'), 'FocusProjectsPage');
const InvestorProfilePage = lazyPage(() => import('./investor'), 'InvestorProfilePage');
const PipelinePage = lazyPage(() => import('./investor'), 'PipelinePage');
const VenuesPage = lazyPage(() => import('./organiser'), 'VenuesPage');
const SessionsAdminPage = lazyPage(() => import('./organiser'), 'SessionsAdminPage');
const SessionAdminPage = lazyPage(() => import('./organiser-session'), 'SessionAdminPage');
const ProjectPage = lazyPage(() => import('./project'), 'ProjectPage');
const NewProjectPage = lazyPage(() => import('./project-form'), 'NewProjectPage');
const ProjectListPage = lazyPage(() => import('./projects'), 'ProjectListPage');
const RequestsAdminPage = lazyPage(() => import('./requests'), 'RequestsAdminPage');
const RequestsPage = lazyPage(() => import('./requests'), 'RequestsPage');
const MyAgendaPage = lazyPage(() => import('./sessions'), 'MyAgendaPage');
const SessionPublicPage = lazyPage(() => import('./sessions'), 'SessionPublicPage');
const SessionsCalendarPage = lazyPage(() => import('./sessions'), 'SessionsCalendarPage');
const LivePage = lazyPage(() => import('./live'), 'LivePage');
const ReviewInboxPage = lazyPage(() => import('./review'), 'ReviewInboxPage');
const ReviewTaskPage = lazyPage(() => import('./review'), 'ReviewTaskPage');
const ReviewRoundsPage = lazyPage(() => import('./review'), 'ReviewRoundsPage');
const ReviewRoundPage = lazyPage(() => import('./review'), 'ReviewRoundPage');
const FollowUpsPage = lazyPage(() => import('./review-project'), 'FollowUpsPage');
const AlliancePage = lazyPage(() => import('./alliance'), 'AlliancePage');

const GROUP = 'roadshow.group';
const ORGANISER_GROUP = 'roadshow.groupOrganiser';
const REQUESTERS = ['enterprise_user', 'investor', 'reviewer', 'approver', 'partner_admin'] as const;
/** Who may be in the expert pool (评审专家库): everyone but the agencies (roadshows/review/experts.service.ts). */
const EXPERT_ROLES = ['investor', 'enterprise_user', 'provider_user', 'platform_admin'] as const;

/**
 * A session's page: the organiser's workbench for platform admins and for the organisers of the host city; the
 * public view (with RSVP for investors) for others, co-host cities included (they do not edit it).
 */
function SessionPage() {
  const me = useMe();
  const { id = '' } = useParams();
  const city = me.user.role === 'roadshow_organiser';
  const detail = useApi('/roadshow-sessions/{id}', city ? { params: { path: { id } } } : null);
  if (me.user.role === 'platform_admin') return <SessionAdminPage />;
  if (!city) return <SessionPublicPage />;
  if (!detail.data) return <LoadError error={detail.error} retry={() => void detail.reload()} />;
  if (detail.data.session.hostCityCode === me.organization.regionCode) return <SessionAdminPage />;
  return (
    <>
      <HostOnlyNotice hostCityCode={detail.data.session.hostCityCode} />
      <SessionPublicPage />
    </>
  );
}

/** Tells another city's organiser (a co-host too) that only the host city edits the session. */
function HostOnlyNotice({ hostCityCode }: { hostCityCode: string }) {
  const { t } = useI18n();
  const regions = useRegions();
  return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('roadshow.session.hostOnly', { city: regions.name(hostCityCode) })} data-testid="session-host-only" />;
}

/** 科创路演: projects and their chain, sessions, scheduling, agendas, investors and outcomes. */
export const roadshowArea: Area = {
  key: 'roadshow',
  pages: [
    // The investor's home is the sessions calendar: it comes first among the investor's pages.
    { path: '/roadshow/sessions', element: <SessionsCalendarPage />, roles: ['investor', 'enterprise_user', 'reviewer', 'approver', 'partner_admin'], menu: 'roadshow.menu.calendar', icon: <CalendarOutlined />, group: GROUP },
    { path: '/roadshow/agenda', element: <MyAgendaPage />, roles: ['investor'], menu: 'roadshow.menu.myAgenda', icon: <ScheduleOutlined />, group: GROUP },
    { path: '/roadshow/focus', element: <FocusProjectsPage />, roles: ['investor'], menu: 'roadshow.menu.focus', icon: <StarOutlined />, group: GROUP },
    { path: '/roadshow/pipeline', element: <PipelinePage />, roles: ['investor'], menu: 'roadshow.menu.pipeline', icon: <NodeIndexOutlined />, group: GROUP },
    { path: '/roadshow/profile', element: <InvestorProfilePage />, roles: ['investor'], menu: 'roadshow.menu.profile', icon: <UserOutlined />, group: GROUP },
    { path: '/roadshow/projects', element: <ProjectListPage />, roles: ['enterprise_user'], menu: 'roadshow.menu.myProjects', icon: <ProjectOutlined />, group: GROUP },
    { path: '/roadshow/projects/new', element: <NewProjectPage />, roles: ['enterprise_user'] },
    { path: '/roadshow/projects/:id', element: <ProjectPage />, roles: ['enterprise_user', 'investor', 'platform_admin'] },
    { path: '/roadshow/sessions/:id', element: <SessionPage />, roles: ['investor', 'enterprise_user', 'reviewer', 'approver', 'partner_admin', 'platform_admin', 'roadshow_organiser'] },
    // The live (or replay) page of a cloud or hybrid session; the API decides who is in its audience.
    { path: '/roadshow/sessions/:id/live', element: <LivePage />, roles: ['investor', 'enterprise_user', 'reviewer', 'approver', 'partner_admin', 'provider_user', 'finance', 'platform_admin', 'roadshow_organiser'] },
    { path: '/roadshow/requests', element: <RequestsPage />, roles: [...REQUESTERS], menu: 'roadshow.menu.requests', icon: <SolutionOutlined />, group: GROUP },
    { path: '/roadshow/admin/projects', element: <ProjectListPage />, roles: ['platform_admin'], menu: 'roadshow.menu.projects', icon: <ProjectOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/admin/sessions', element: <SessionsAdminPage />, roles: ['platform_admin'], menu: 'roadshow.menu.sessions', icon: <FundProjectionScreenOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/admin/venues', element: <VenuesPage />, roles: ['platform_admin'], menu: 'roadshow.menu.venues', icon: <EnvironmentOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/reviews', element: <ReviewInboxPage />, roles: [...EXPERT_ROLES], menu: 'roadshow.menu.myReviews', icon: <AuditOutlined />, group: GROUP },
    { path: '/roadshow/reviews/:id', element: <ReviewTaskPage />, roles: [...EXPERT_ROLES] },
    // The centre screens every project, a city's organisers their own city's (docs/domain.md, "Whose screening").
    { path: '/roadshow/review-rounds', element: <ReviewRoundsPage />, roles: ['platform_admin', 'roadshow_organiser'], menu: 'roadshow.menu.reviewRounds', icon: <FileSearchOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/review-rounds/:id', element: <ReviewRoundPage />, roles: ['platform_admin', 'roadshow_organiser'] },
    { path: '/roadshow/follow-ups', element: <FollowUpsPage />, roles: ['platform_admin'], menu: 'roadshow.menu.followUps', icon: <AlertOutlined />, group: ORGANISER_GROUP },
    // A G60 city's roadshow organisers: their city's sessions and venues, and the alliance (invitations, referrals, series, statistics).
    { path: '/roadshow/city/sessions', element: <SessionsAdminPage />, roles: ['roadshow_organiser'], menu: 'roadshow.menu.citySessions', icon: <FundProjectionScreenOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/city/venues', element: <VenuesPage />, roles: ['roadshow_organiser'], menu: 'roadshow.menu.cityVenues', icon: <EnvironmentOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/alliance', element: <AlliancePage />, roles: ['roadshow_organiser', 'platform_admin'], menu: 'roadshow.menu.alliance', icon: <ApartmentOutlined />, group: ORGANISER_GROUP },
    { path: '/roadshow/admin/requests', element: <RequestsAdminPage />, roles: ['platform_admin'], menu: 'roadshow.menu.requestsAdmin', icon: <SolutionOutlined />, group: ORGANISER_GROUP },
  ],
  messages: { zh: { ...roadshowMessages.zh, ...reviewMessages.zh }, en: { ...roadshowMessages.en, ...reviewMessages.en } },
};
