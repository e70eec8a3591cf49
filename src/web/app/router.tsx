// Routes of the web app. Who is signed in decides what the root shows: the login page (at any
// address, so after logging in the user lands where they meant to go), the second-factor enrolment
// the organisation requires, or the shell with the page.
import type { ReactNode } from 'react';
import { Center } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AuditPage } from '../audit/AuditPage.js';
import { parseAuditSearch } from '../audit/search.js';
import { BranchesPage } from '../access/BranchesPage.js';
import { OrganizationPage } from '../access/OrganizationPage.js';
import { ProgrammesPage } from '../access/ProgrammesPage.js';
import { RolesPage } from '../access/RolesPage.js';
import { UsersPage } from '../access/UsersPage.js';
import { LoginPage } from '../auth/LoginPage.js';
import { ProfilePage } from '../auth/ProfilePage.js';
import { TotpEnrolmentPage } from '../auth/TotpEnrolmentPage.js';
import { HomePage } from '../home/HomePage.js';
import { CasePage } from '../cases/CasePage.js';
import { CasesPage } from '../cases/CasesPage.js';
import { parseCaseSearch, parseReferralSearch } from '../cases/search.js';
import { VolunteerFamiliesPage } from '../cases/VolunteerFamiliesPage.js';
import { ReferralPage } from '../referrals/ReferralPage.js';
import { ReferralsPage } from '../referrals/ReferralsPage.js';
import { AssessmentPage } from '../assessments/AssessmentPage.js';
import { NewAssessmentPage, parseNewAssessmentSearch } from '../assessments/NewAssessmentPage.js';
import { TemplateEditPage } from '../assessments/TemplateEditPage.js';
import { TemplatesPage } from '../assessments/TemplatesPage.js';
import { MyWorkPage } from '../my-work/MyWorkPage.js';
import { AidCataloguePage } from '../aid/AidCataloguePage.js';
import { AidReportPage } from '../aid/AidReportPage.js';
import { AidRequestsPage } from '../aid/AidRequestsPage.js';
import { WarehousesPage } from '../aid/WarehousesPage.js';
import { ShiftsPage } from '../shifts/ShiftsPage.js';
import { MentorsPage } from '../mentoring/MentorsPage.js';
import { MyFamiliesPage } from '../mentoring/MyFamiliesPage.js';
import { TrainingPage } from '../mentoring/TrainingPage.js';
import { ShiftPage } from '../shifts/ShiftPage.js';
import { PartnersPage } from '../partners/PartnersPage.js';
import { SpecialistsPage } from '../partners/SpecialistsPage.js';
import { ConsultationsPage } from '../trainings/ConsultationsPage.js';
import { TrainingEventPage } from '../trainings/TrainingEventPage.js';
import { TrainingsPage } from '../trainings/TrainingsPage.js';
import { BoardPage } from '../housing/BoardPage.js';
import { FacilitiesPage } from '../housing/FacilitiesPage.js';
import { FiguresPage } from '../housing/FiguresPage.js';
import { JournalPage } from '../housing/JournalPage.js';
import { PlanVsActualPage } from '../reports/PlanVsActualPage.js';
import { IndicatorsPage } from '../indicators/IndicatorsPage.js';
import { EditIndicatorPage, NewIndicatorPage } from '../indicators/IndicatorEditorPage.js';
import { dashboardsRoutes } from '../dashboards/routes.js';
import { CataloguePage } from '../services/CataloguePage.js';
import { MyDayPage } from '../services/MyDayPage.js';
import { WorkloadPage } from '../services/WorkloadPage.js';
import { GroupSessionPage } from '../groups/GroupSessionPage.js';
import { GroupsPage } from '../groups/GroupsPage.js';
import { PostSupportPage } from '../post-support/PostSupportPage.js';
import { CohortPage } from '../outcomes/CohortPage.js';
import { FollowUpsPage } from '../outcomes/FollowUpsPage.js';
import { FrameworkPage } from '../outcomes/FrameworkPage.js';
import { Page } from './Page.js';
import { RequirePermission } from './RequirePermission.js';
import { useSession } from './session.js';
import { Shell } from './Shell.js';
import { EmptyState, ErrorState, LoadingState } from './states.js';

function Root() {
  const session = useSession();
  if (session.isPending) return <LoadingState />;
  if (session.isError)
    return (
      <Center p="xl">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  const me = session.data?.me;
  if (!me || me.pending === 'totp') return <LoginPage />;
  if (me.pending === 'totp_enrolment') return <TotpEnrolmentPage />;
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
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
  page('/', HomePage),
  page('/profile', ProfilePage),
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
    <RequirePermission permission="cases.read">
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
    ...partnerRoutes,
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
