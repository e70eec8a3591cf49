// Routes of the web app. Who is signed in decides what the root shows: the second-factor enrolment
// the organisation requires, or the shell with the page. Nobody signed in (the session ended while
// the app was open or kept on the device): the stand-alone log-in page (src/web/login), which
// brings the user back to this address.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Center } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { STAFF_PERMISSIONS } from '../../domain/plans/my-work.js';
import { parseAuditSearch } from '../audit/search.js';
import { parseCaseSearch, parseReferralSearch } from '../cases/search.js';
import { dashboardsRoutes } from '../dashboards/routes.js';
import { Page } from './Page.js';
import { RequirePermission } from './RequirePermission.js';
import { goToLogin, useSession } from './session.js';
import { isApiError } from './api.js';
import { EmptyState, ErrorState, LoadingState } from './states.js';

// The shell (navigation, user menu, their icons) and the second-factor enrolment come after log-in.
const Shell = lazy(() => import('./Shell.js').then((module) => ({ default: module.Shell })));
const TotpEnrolmentPage = lazy(() => import('../auth/TotpEnrolmentPage.js').then((module) => ({ default: module.TotpEnrolmentPage })));

// Each area's pages are their own chunk, loaded when first opened (issue 19, point 1): the log-in page
// and the shell load only what they need.
const AuditPage = lazyRouteComponent(() => import('../audit/AuditPage.js'), 'AuditPage');
const BranchesPage = lazyRouteComponent(() => import('../access/BranchesPage.js'), 'BranchesPage');
const OrganizationPage = lazyRouteComponent(() => import('../access/OrganizationPage.js'), 'OrganizationPage');
const ProgrammesPage = lazyRouteComponent(() => import('../access/ProgrammesPage.js'), 'ProgrammesPage');
const RolesPage = lazyRouteComponent(() => import('../access/RolesPage.js'), 'RolesPage');
const UsersPage = lazyRouteComponent(() => import('../access/UsersPage.js'), 'UsersPage');
const ProfilePage = lazyRouteComponent(() => import('../auth/ProfilePage.js'), 'ProfilePage');
const HomePage = lazyRouteComponent(() => import('../home/HomePage.js'), 'HomePage');
const CasePage = lazyRouteComponent(() => import('../cases/CasePage.js'), 'CasePage');
const CasesPage = lazyRouteComponent(() => import('../cases/CasesPage.js'), 'CasesPage');
const VolunteerFamiliesPage = lazyRouteComponent(() => import('../cases/VolunteerFamiliesPage.js'), 'VolunteerFamiliesPage');
const ReferralPage = lazyRouteComponent(() => import('../referrals/ReferralPage.js'), 'ReferralPage');
const ReferralsPage = lazyRouteComponent(() => import('../referrals/ReferralsPage.js'), 'ReferralsPage');
const AssessmentPage = lazyRouteComponent(() => import('../assessments/AssessmentPage.js'), 'AssessmentPage');
const NewAssessmentPage = lazyRouteComponent(() => import('../assessments/NewAssessmentPage.js'), 'NewAssessmentPage');
const TemplateEditPage = lazyRouteComponent(() => import('../assessments/TemplateEditPage.js'), 'TemplateEditPage');
const TemplatesPage = lazyRouteComponent(() => import('../assessments/TemplatesPage.js'), 'TemplatesPage');
const DocumentTemplatesPage = lazyRouteComponent(() => import('../documents/TemplatesPage.js'), 'DocumentTemplatesPage');
const MyWorkPage = lazyRouteComponent(() => import('../my-work/MyWorkPage.js'), 'MyWorkPage');
const AidCataloguePage = lazyRouteComponent(() => import('../aid/AidCataloguePage.js'), 'AidCataloguePage');
const AidReportPage = lazyRouteComponent(() => import('../aid/AidReportPage.js'), 'AidReportPage');
const AidRequestsPage = lazyRouteComponent(() => import('../aid/AidRequestsPage.js'), 'AidRequestsPage');
const WarehousesPage = lazyRouteComponent(() => import('../aid/WarehousesPage.js'), 'WarehousesPage');
const ShiftsPage = lazyRouteComponent(() => import('../shifts/ShiftsPage.js'), 'ShiftsPage');
const MentorsPage = lazyRouteComponent(() => import('../mentoring/MentorsPage.js'), 'MentorsPage');
const MyFamiliesPage = lazyRouteComponent(() => import('../mentoring/MyFamiliesPage.js'), 'MyFamiliesPage');
const TrainingPage = lazyRouteComponent(() => import('../mentoring/TrainingPage.js'), 'TrainingPage');
const VolunteersPage = lazyRouteComponent(() => import('../volunteers/VolunteersPage.js'), 'VolunteersPage');
const VolunteerBoardPage = lazyRouteComponent(() => import('../volunteers/BoardPage.js'), 'BoardPage');
const MyShiftsPage = lazyRouteComponent(() => import('../volunteers/MyShiftsPage.js'), 'MyShiftsPage');
// The public volunteer application form is open to anyone, signed in or not (issue 18).
const VolunteerApplyPage = lazy(() => import('../volunteers/ApplyPage.js').then((m) => ({ default: m.ApplyPage })));
const volunteerFormSlug = () => /^\/apply\/volunteer\/([a-z0-9-]{3,50})\/?$/.exec(window.location.pathname)?.[1];
const PrivacyRequestsPage = lazyRouteComponent(() => import('../privacy/RequestsPage.js'), 'RequestsPage');
const PrivacyRetentionPage = lazyRouteComponent(() => import('../privacy/RetentionPage.js'), 'RetentionPage');
const PrivacyActsPage = lazyRouteComponent(() => import('../privacy/ActsPage.js'), 'ActsPage');
const BackupPage = lazyRouteComponent(() => import('../backup/BackupPage.js'), 'BackupPage');
const AccessReportPage = lazyRouteComponent(() => import('../audit/AccessReportPage.js'), 'AccessReportPage');
const BreachesPage = lazyRouteComponent(() => import('../breaches/BreachesPage.js'), 'BreachesPage');
const BreakGlassPage = lazyRouteComponent(() => import('../breakglass/ReviewPage.js'), 'BreakGlassPage');
const ShiftPage = lazyRouteComponent(() => import('../shifts/ShiftPage.js'), 'ShiftPage');
const ImportsPage = lazyRouteComponent(() => import('../imports/ImportPage.js'), 'ImportsPage');
const ImportJobPage = lazyRouteComponent(() => import('../imports/ImportPage.js'), 'ImportJobPage');
const PartnersPage = lazyRouteComponent(() => import('../partners/PartnersPage.js'), 'PartnersPage');
const SpecialistsPage = lazyRouteComponent(() => import('../partners/SpecialistsPage.js'), 'SpecialistsPage');
const ConsultationsPage = lazyRouteComponent(() => import('../trainings/ConsultationsPage.js'), 'ConsultationsPage');
const TrainingEventPage = lazyRouteComponent(() => import('../trainings/TrainingEventPage.js'), 'TrainingEventPage');
const TrainingsPage = lazyRouteComponent(() => import('../trainings/TrainingsPage.js'), 'TrainingsPage');
const BoardPage = lazyRouteComponent(() => import('../housing/BoardPage.js'), 'BoardPage');
const FacilitiesPage = lazyRouteComponent(() => import('../housing/FacilitiesPage.js'), 'FacilitiesPage');
const FiguresPage = lazyRouteComponent(() => import('../housing/FiguresPage.js'), 'FiguresPage');
const JournalPage = lazyRouteComponent(() => import('../housing/JournalPage.js'), 'JournalPage');
const PlanVsActualPage = lazyRouteComponent(() => import('../reports/PlanVsActualPage.js'), 'PlanVsActualPage');
const IndicatorsPage = lazyRouteComponent(() => import('../indicators/IndicatorsPage.js'), 'IndicatorsPage');
const EditIndicatorPage = lazyRouteComponent(() => import('../indicators/IndicatorEditorPage.js'), 'EditIndicatorPage');
const NewIndicatorPage = lazyRouteComponent(() => import('../indicators/IndicatorEditorPage.js'), 'NewIndicatorPage');
const CataloguePage = lazyRouteComponent(() => import('../services/CataloguePage.js'), 'CataloguePage');
const MyDayPage = lazyRouteComponent(() => import('../services/MyDayPage.js'), 'MyDayPage');
const WorkloadPage = lazyRouteComponent(() => import('../services/WorkloadPage.js'), 'WorkloadPage');
const GroupSessionPage = lazyRouteComponent(() => import('../groups/GroupSessionPage.js'), 'GroupSessionPage');
const GroupsPage = lazyRouteComponent(() => import('../groups/GroupsPage.js'), 'GroupsPage');
const PostSupportPage = lazyRouteComponent(() => import('../post-support/PostSupportPage.js'), 'PostSupportPage');
const CohortPage = lazyRouteComponent(() => import('../outcomes/CohortPage.js'), 'CohortPage');
const FollowUpsPage = lazyRouteComponent(() => import('../outcomes/FollowUpsPage.js'), 'FollowUpsPage');
const FrameworkPage = lazyRouteComponent(() => import('../outcomes/FrameworkPage.js'), 'FrameworkPage');
const OfflinePage = lazyRouteComponent(() => import('../offline/OfflinePage.js'), 'OfflinePage');
const DevicesPage = lazyRouteComponent(() => import('../offline/DevicesPage.js'), 'DevicesPage');
// Without a connection the session cannot be checked: the field work page opens from what the device keeps.
const OfflineRoot = lazy(() => import('../offline/OfflineRoot.js').then((module) => ({ default: module.OfflineRoot })));

function parseNewAssessmentSearch(search: Record<string, unknown>): { template: string } {
  return { template: typeof search.template === 'string' ? search.template : '' };
}

function Root() {
  const session = useSession();
  const volunteerForm = volunteerFormSlug();
  if (volunteerForm)
    return (
      <Suspense fallback={<LoadingState />}>
        <VolunteerApplyPage slug={volunteerForm} />
      </Suspense>
    );
  if (
    (session.isPending && (session.fetchStatus === 'paused' || !navigator.onLine)) ||
    (session.isError && isApiError(session.error, 'network'))
  )
    return (
      <Suspense fallback={<LoadingState />}>
        <OfflineRoot />
      </Suspense>
    );
  if (session.isPending) return <LoadingState />;
  if (session.isError)
    return (
      <Center p="xl">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  const me = session.data?.me;
  if (!me || me.pending === 'totp') return <SignedOut />;
  return (
    <Suspense fallback={<LoadingState />}>
      {me.pending === 'totp_enrolment' ? (
        <TotpEnrolmentPage />
      ) : (
        <Shell>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Shell>
      )}
    </Suspense>
  );
}

/** Nobody signed in: the log-in page takes over, and brings the user back to this address. */
function SignedOut() {
  useEffect(() => goToLogin(), []);
  return <LoadingState />;
}

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.not_found')}>
      <EmptyState>{t('web.pageNotFound')}</EmptyState>
    </Page>
  );
}

const root = createRootRoute({ component: Root, notFoundComponent: NotFoundPage });

const page = <P extends string>(path: P, component: () => ReactNode) => createRoute({ getParentRoute: () => root, path, component });

const routes = [
  page('/', () => <HomePage />),
  page('/profile', () => <ProfilePage />),
  // Field work: plan visits, keep them on the device, record offline (issue 19).
  page('/field', () => (
    <RequirePermission permission="cases.read">
      <OfflinePage />
    </RequirePermission>
  )),
  page('/admin/devices', () => (
    <RequirePermission permission="users.manage">
      <DevicesPage />
    </RequirePermission>
  )),
  page('/branches', () => (
    <RequirePermission permission="branches.read">
      <BranchesPage />
    </RequirePermission>
  )),
  page('/programmes', () => (
    <RequirePermission permission="programmes.read">
      <ProgrammesPage />
    </RequirePermission>
  )),
  page('/admin/users', () => (
    <RequirePermission permission="users.read">
      <UsersPage />
    </RequirePermission>
  )),
  page('/admin/roles', () => (
    <RequirePermission permission="roles.read">
      <RolesPage />
    </RequirePermission>
  )),
  page('/admin/organization', () => (
    <RequirePermission permission="organization.manage">
      <OrganizationPage />
    </RequirePermission>
  )),
];

export const auditRoute = createRoute({
  getParentRoute: () => root,
  path: '/admin/audit',
  validateSearch: parseAuditSearch,
  component: () => (
    <RequirePermission permission="audit.read">
      <AuditPage />
    </RequirePermission>
  ),
});

// Casework: referrals, cases, the volunteer's families.
const caseworkRoutes = [
  createRoute({
    getParentRoute: () => root,
    path: '/referrals',
    validateSearch: parseReferralSearch,
    component: () => (
      <RequirePermission permission="referrals.read">
        <ReferralsPage />
      </RequirePermission>
    ),
  }),
  page('/referrals/$referralId', () => (
    <RequirePermission permission="referrals.read">
      <ReferralPage />
    </RequirePermission>
  )),
  createRoute({
    getParentRoute: () => root,
    path: '/cases',
    validateSearch: parseCaseSearch,
    component: () => (
      <RequirePermission permission="cases.read">
        <CasesPage />
      </RequirePermission>
    ),
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/cases/$caseId',
    // Which tab of the case page to open (assessments, plan…), so pages can link back to it.
    validateSearch: (search: Record<string, unknown>): { tab?: string } => (typeof search.tab === 'string' ? { tab: search.tab } : {}),
    component: () => (
      <RequirePermission permission="cases.read">
        <CasePage />
      </RequirePermission>
    ),
  }),
  page('/my-families', () => (
    <RequirePermission permission="volunteer.families">
      <VolunteerFamiliesPage />
    </RequirePermission>
  )),
];

// Assessments, plans and "my work".
const planningRoutes = [
  page('/my-work', () => (
    <RequirePermission anyOf={STAFF_PERMISSIONS}>
      <MyWorkPage />
    </RequirePermission>
  )),
  createRoute({
    getParentRoute: () => root,
    path: '/cases/$caseId/assessments/new',
    validateSearch: parseNewAssessmentSearch,
    component: () => (
      <RequirePermission permission="cases.read">
        <NewAssessmentPage />
      </RequirePermission>
    ),
  }),
  page('/assessments/$assessmentId', () => (
    <RequirePermission permission="cases.read">
      <AssessmentPage />
    </RequirePermission>
  )),
  page('/admin/templates', () => (
    <RequirePermission permission="templates.manage">
      <TemplatesPage />
    </RequirePermission>
  )),
  page('/admin/templates/$code', () => (
    <RequirePermission permission="templates.manage">
      <TemplateEditPage />
    </RequirePermission>
  )),
  page('/admin/document-templates', () => (
    <RequirePermission permission="documents.templates">
      <DocumentTemplatesPage />
    </RequirePermission>
  )),
];

// Housing: the occupancy board, the house journal, figures, facilities.
const housingRoutes = [
  page('/housing/board', () => (
    <RequirePermission permission="housing.read">
      <BoardPage />
    </RequirePermission>
  )),
  page('/housing/journal', () => (
    <RequirePermission permission="housing.journal">
      <JournalPage />
    </RequirePermission>
  )),
  page('/housing/figures', () => (
    <RequirePermission permission="housing.read">
      <FiguresPage />
    </RequirePermission>
  )),
  page('/housing/facilities', () => (
    <RequirePermission permission="housing.read">
      <FacilitiesPage />
    </RequirePermission>
  )),
];

// Aid: requests for the people who act on them, warehouses, the donors' report, the catalogue.
const aidRoutes = [
  page('/aid', () => (
    <RequirePermission anyOf={['aid.request', 'aid.approve', 'aid.warehouse', 'aid.deliver']}>
      <AidRequestsPage />
    </RequirePermission>
  )),
  page('/aid/warehouses', () => (
    <RequirePermission permission="aid.warehouse">
      <WarehousesPage />
    </RequirePermission>
  )),
  page('/aid/report', () => (
    <RequirePermission permission="aid.report">
      <AidReportPage />
    </RequirePermission>
  )),
  page('/admin/aid-items', () => (
    <RequirePermission permission="aid.catalogue">
      <AidCataloguePage />
    </RequirePermission>
  )),
];

// Trainings for specialists (events, participants, certificates) and consultations for specialists.
const trainingRoutes = [
  page('/trainings', () => (
    <RequirePermission permission="trainings.read">
      <TrainingsPage />
    </RequirePermission>
  )),
  page('/trainings/consultations', () => (
    <RequirePermission permission="trainings.read">
      <ConsultationsPage />
    </RequirePermission>
  )),
  page('/trainings/$trainingId', () => (
    <RequirePermission permission="trainings.read">
      <TrainingEventPage />
    </RequirePermission>
  )),
];

// Import from spreadsheets: the wizard and the history of one's imports.
const importRoutes = [
  page('/imports', () => (
    <RequirePermission permission="imports.run">
      <ImportsPage />
    </RequirePermission>
  )),
  page('/imports/$jobId', () => (
    <RequirePermission permission="imports.run">
      <ImportJobPage />
    </RequirePermission>
  )),
];

// Partners: the directory of partner organisations and the external specialists.
const partnerRoutes = [
  page('/partners', () => (
    <RequirePermission permission="partners.read">
      <PartnersPage />
    </RequirePermission>
  )),
  page('/partners/specialists', () => (
    <RequirePermission permission="partners.read">
      <SpecialistsPage />
    </RequirePermission>
  )),
];

// Away profile shifts: the list (counts for those who answer for results) and a shift's page.
const shiftRoutes = [
  page('/shifts', () => (
    <RequirePermission anyOf={['shifts.read', 'indicators.read']}>
      <ShiftsPage />
    </RequirePermission>
  )),
  page('/shifts/$shiftId', () => (
    <RequirePermission permission="shifts.read">
      <ShiftPage />
    </RequirePermission>
  )),
];

// Data protection: requests of data subjects, retention and destruction, the register of acts.
const privacyRoutes = [
  page('/privacy/requests', () => (
    <RequirePermission permission="privacy.manage">
      <PrivacyRequestsPage />
    </RequirePermission>
  )),
  page('/privacy/retention', () => (
    <RequirePermission permission="privacy.manage">
      <PrivacyRetentionPage />
    </RequirePermission>
  )),
  page('/privacy/acts', () => (
    <RequirePermission permission="privacy.manage">
      <PrivacyActsPage />
    </RequirePermission>
  )),
  // Issue 17, points 3–6: break-glass review, "who saw what", the breach register, backups.
  page('/breakglass', () => (
    <RequirePermission anyOf={['breakglass.review', 'organization.manage']}>
      <BreakGlassPage />
    </RequirePermission>
  )),
  page('/admin/access-report', () => (
    <RequirePermission permission="audit.read">
      <AccessReportPage />
    </RequirePermission>
  )),
  page('/breaches', () => (
    <RequirePermission permission="breaches.manage">
      <BreachesPage />
    </RequirePermission>
  )),
  page('/admin/backup', () => (
    <RequirePermission permission="backup.manage">
      <BackupPage />
    </RequirePermission>
  )),
];

// Mentoring: the register of mentors, their training and supervision, and the mentor's own families.
const mentoringRoutes = [
  page('/mentoring/mentors', () => (
    <RequirePermission permission="mentoring.read">
      <MentorsPage />
    </RequirePermission>
  )),
  page('/mentoring/training', () => (
    <RequirePermission permission="mentoring.read">
      <TrainingPage />
    </RequirePermission>
  )),
  page('/mentoring/my-families', () => (
    <RequirePermission permission="mentoring.own">
      <MyFamiliesPage />
    </RequirePermission>
  )),
];

// Volunteers: the register with screening, the board of tasks, teams and hours, the volunteer's own shifts.
const volunteerRoutes = [
  createRoute({
    getParentRoute: () => root,
    path: '/volunteers',
    // ?volunteer=<id> opens that volunteer's card (the links from My work).
    validateSearch: (search: Record<string, unknown>): { volunteer?: string } =>
      typeof search.volunteer === 'string' && /^[0-9a-f-]{36}$/.test(search.volunteer) ? { volunteer: search.volunteer } : {},
    component: () => (
      <RequirePermission permission="volunteers.read">
        <VolunteersPage />
      </RequirePermission>
    ),
  }),
  page('/volunteers/board', () => (
    <RequirePermission permission="volunteers.read">
      <VolunteerBoardPage />
    </RequirePermission>
  )),
  page('/volunteers/mine', () => (
    <RequirePermission permission="volunteer.families">
      <MyShiftsPage />
    </RequirePermission>
  )),
];

// Indicators: the library with values for a period, and the definition editor.
const indicatorRoutes = [
  page('/indicators', () => (
    <RequirePermission permission="indicators.read">
      <IndicatorsPage />
    </RequirePermission>
  )),
  page('/indicators/new', () => (
    <RequirePermission permission="indicators.manage">
      <NewIndicatorPage />
    </RequirePermission>
  )),
  page('/indicators/$indicatorId', () => (
    <RequirePermission permission="indicators.read">
      <EditIndicatorPage />
    </RequirePermission>
  )),
];

// Results: plan vs actual per programme and period.
const reportsRoutes = [
  page('/reports/plan-vs-actual', () => (
    <RequirePermission permission="indicators.read">
      <PlanVsActualPage />
    </RequirePermission>
  )),
];

// Outcomes: follow-up contacts after leaving, cohorts, the outcome framework.
const outcomesRoutes = [
  page('/follow-ups', () => (
    <RequirePermission permission="cases.read">
      <FollowUpsPage />
    </RequirePermission>
  )),
  page('/outcomes/cohort', () => (
    <RequirePermission permission="indicators.read">
      <CohortPage />
    </RequirePermission>
  )),
  page('/admin/outcomes', () => (
    <RequirePermission permission="indicators.manage">
      <FrameworkPage />
    </RequirePermission>
  )),
];

// Services, group work, post-support, workload and the service catalogue.
const servicesRoutes = [
  page('/my-day', () => (
    <RequirePermission permission="cases.read">
      <MyDayPage />
    </RequirePermission>
  )),
  page('/workload', () => (
    <RequirePermission permission="cases.read">
      <WorkloadPage />
    </RequirePermission>
  )),
  // The M&E officer opens group work for its counts only (indicators.read); sessions need groups.manage.
  page('/groups', () => (
    <RequirePermission anyOf={['groups.manage', 'indicators.read']}>
      <GroupsPage />
    </RequirePermission>
  )),
  page('/groups/$sessionId', () => (
    <RequirePermission permission="groups.manage">
      <GroupSessionPage />
    </RequirePermission>
  )),
  page('/post-support', () => (
    <RequirePermission permission="cases.read">
      <PostSupportPage />
    </RequirePermission>
  )),
  page('/admin/service-types', () => (
    <RequirePermission permission="services.catalogue">
      <CataloguePage />
    </RequirePermission>
  )),
];

export const router = createRouter({
  routeTree: root.addChildren([
    ...routes,
    auditRoute,
    ...caseworkRoutes,
    ...planningRoutes,
    ...housingRoutes,
    ...aidRoutes,
    ...shiftRoutes,
    ...mentoringRoutes,
    ...privacyRoutes,
    ...volunteerRoutes,
    ...partnerRoutes,
    ...importRoutes,
    ...trainingRoutes,
    ...servicesRoutes,
    ...outcomesRoutes,
    ...reportsRoutes,
    ...indicatorRoutes,
    ...dashboardsRoutes(root),
  ]),
  defaultPreload: false,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
