// The navigation by area. An area appears only when it exists and the user may open it; a section
// with nothing visible is not shown at all (a volunteer sees no administration section).
import type { Icon } from '@tabler/icons-react';
import {
  IconBed,
  IconBuildingCommunity,
  IconChartBar,
  IconNotebook,
  IconChecklist,
  IconClipboardList,
  IconFolders,
  IconHomeHeart,
  IconHeartHandshake,
  IconFileImport,
  IconHistory,
  IconHome,
  IconSchool,
  IconInbox,
  IconMapPin,
  IconShieldLock,
  IconShieldCheck,
  IconTrashX,
  IconFileCertificate,
  IconTemplate,
  IconFileText,
  IconUsers,
  IconCalendarPlus,
  IconUsersGroup,
  IconTent,
  IconCalendarDue,
  IconDeviceMobile,
  IconClockHour4,
  IconListDetails,
  IconPhoneCall,
  IconTargetArrow,
  IconChartDonut,
  IconReportAnalytics,
  IconListNumbers,
  IconLayoutDashboard,
  IconChartLine,
  IconPresentationAnalytics,
  IconMessageCircle,
  IconForms,
  IconPackage,
  IconPackages,
  IconBuildingWarehouse,
  IconReceipt2,
  IconAddressBook,
  IconCertificate,
  IconMessages,
  IconId,
} from '@tabler/icons-react';
import type { Permission } from '../../domain/access/permissions.js';
import { STAFF_PERMISSIONS } from '../../domain/plans/my-work.js';

export interface NavItem {
  to:
    | '/'
    | '/referrals'
    | '/cases'
    | '/my-families'
    | '/housing/board'
    | '/housing/journal'
    | '/housing/figures'
    | '/housing/facilities'
    | '/dashboards/coordinator'
    | '/dashboards/indicators'
    | '/dashboards/programmes'
    | '/feedback/summary'
    | '/feedback/unsigned'
    | '/admin/feedback-templates'
    | '/reports/plan-vs-actual'
    | '/indicators'
    | '/my-work'
    | '/my-day'
    | '/groups'
    | '/post-support'
    | '/field'
    | '/admin/devices'
    | '/follow-ups'
    | '/outcomes/cohort'
    | '/admin/outcomes'
    | '/workload'
    | '/admin/service-types'
    | '/admin/templates'
    | '/admin/document-templates'
    | '/branches'
    | '/programmes'
    | '/admin/users'
    | '/admin/roles'
    | '/admin/organization'
    | '/admin/audit'
    | '/aid'
    | '/aid/warehouses'
    | '/aid/report'
    | '/admin/aid-items'
    | '/shifts'
    | '/mentoring/mentors'
    | '/mentoring/training'
    | '/mentoring/my-families'
    | '/volunteers'
    | '/volunteers/board'
    | '/volunteers/mine'
    | '/partners'
    | '/partners/specialists'
    | '/trainings'
    | '/trainings/consultations'
    | '/imports'
    | '/privacy/requests'
    | '/privacy/retention'
    | '/privacy/acts'
    | '/admin/backup'
    | '/admin/access-report'
    | '/breaches'
    | '/breakglass';
  label:
    | 'nav.home'
    | 'nav.referrals'
    | 'nav.cases'
    | 'nav.myFamilies'
    | 'nav.housingBoard'
    | 'nav.housingJournal'
    | 'nav.housingFigures'
    | 'nav.housingFacilities'
    | 'dashboards.nav.coordinator'
    | 'dashboards.nav.indicators'
    | 'dashboards.nav.programmes'
    | 'dashboards.feedback.nav'
    | 'dashboards.feedback.unsignedTitle'
    | 'dashboards.feedback.templatesTitle'
    | 'reports.title'
    | 'indicators.title'
    | 'nav.myWork'
    | 'nav.myDay'
    | 'nav.groups'
    | 'nav.postSupport'
    | 'fieldwork.nav'
    | 'fieldwork.devices.title'
    | 'outcomes.nav.followUps'
    | 'outcomes.nav.cohort'
    | 'outcomes.nav.framework'
    | 'nav.workload'
    | 'nav.serviceTypes'
    | 'nav.templates'
    | 'documents.nav'
    | 'nav.branches'
    | 'nav.programmes'
    | 'nav.users'
    | 'nav.roles'
    | 'nav.organization'
    | 'nav.audit'
    | 'aid.nav.requests'
    | 'aid.nav.warehouses'
    | 'aid.nav.report'
    | 'aid.nav.catalogue'
    | 'shifts.nav'
    | 'mentoring.nav.mentors'
    | 'mentoring.nav.training'
    | 'mentoring.nav.myFamilies'
    | 'volunteers.nav.register'
    | 'volunteers.nav.board'
    | 'volunteers.nav.mine'
    | 'partners.nav.directory'
    | 'partners.nav.specialists'
    | 'trainings.nav.trainings'
    | 'trainings.nav.consultations'
    | 'imports.nav'
    | 'privacy.nav.requests'
    | 'privacy.nav.retention'
    | 'privacy.nav.acts'
    | 'protection.nav.backup'
    | 'protection.nav.accessReport'
    | 'protection.nav.breaches'
    | 'protection.nav.breakglass';
  icon: Icon;
  permission?: Permission;
  /** Shown to holders of any of these (a page several roles work from, each seeing their part). */
  anyOf?: Permission[];
}

export interface NavSection {
  label?:
    | 'nav.casework'
    | 'nav.housing'
    | 'aid.title'
    | 'trainings.title'
    | 'mentoring.title'
    | 'volunteers.title'
    | 'nav.results'
    | 'web.directory'
    | 'nav.admin';
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  { items: [{ to: '/', label: 'nav.home', icon: IconHome }] },
  {
    label: 'nav.casework',
    items: [
      // Every staff member's, whatever the role; the page shows the sections their permissions give.
      { to: '/my-work', label: 'nav.myWork', icon: IconChecklist, anyOf: STAFF_PERMISSIONS },
      { to: '/referrals', label: 'nav.referrals', icon: IconInbox, permission: 'referrals.read' },
      { to: '/cases', label: 'nav.cases', icon: IconFolders, permission: 'cases.read' },
      { to: '/my-families', label: 'nav.myFamilies', icon: IconHeartHandshake, permission: 'volunteer.families' },
      { to: '/my-day', label: 'nav.myDay', icon: IconCalendarPlus, permission: 'cases.read' },
      { to: '/groups', label: 'nav.groups', icon: IconUsersGroup, anyOf: ['groups.manage', 'indicators.read'] },
      { to: '/shifts', label: 'shifts.nav', icon: IconTent, anyOf: ['shifts.read', 'indicators.read'] },
      { to: '/post-support', label: 'nav.postSupport', icon: IconCalendarDue, permission: 'cases.read' },
      { to: '/field', label: 'fieldwork.nav', icon: IconMapPin, permission: 'cases.read' },
      { to: '/follow-ups', label: 'outcomes.nav.followUps', icon: IconPhoneCall, permission: 'cases.read' },
      { to: '/workload', label: 'nav.workload', icon: IconClockHour4, permission: 'cases.read' },
    ],
  },
  {
    label: 'mentoring.title',
    items: [
      { to: '/mentoring/my-families', label: 'mentoring.nav.myFamilies', icon: IconHeartHandshake, permission: 'mentoring.own' },
      { to: '/mentoring/mentors', label: 'mentoring.nav.mentors', icon: IconUsersGroup, permission: 'mentoring.read' },
      { to: '/mentoring/training', label: 'mentoring.nav.training', icon: IconSchool, permission: 'mentoring.read' },
    ],
  },
  {
    label: 'volunteers.title',
    items: [
      { to: '/volunteers/mine', label: 'volunteers.nav.mine', icon: IconCalendarPlus, permission: 'volunteer.families' },
      { to: '/volunteers', label: 'volunteers.nav.register', icon: IconUsersGroup, permission: 'volunteers.read' },
      { to: '/volunteers/board', label: 'volunteers.nav.board', icon: IconCalendarPlus, permission: 'volunteers.read' },
    ],
  },
  {
    label: 'nav.housing',
    items: [
      { to: '/housing/board', label: 'nav.housingBoard', icon: IconBed, permission: 'housing.read' },
      { to: '/housing/journal', label: 'nav.housingJournal', icon: IconNotebook, permission: 'housing.journal' },
      { to: '/housing/figures', label: 'nav.housingFigures', icon: IconChartBar, permission: 'housing.read' },
      { to: '/housing/facilities', label: 'nav.housingFacilities', icon: IconHomeHeart, permission: 'housing.read' },
      { to: '/feedback/unsigned', label: 'dashboards.feedback.unsignedTitle', icon: IconMessageCircle, permission: 'housing.journal' },
    ],
  },
  {
    label: 'aid.title',
    items: [
      { to: '/aid', label: 'aid.nav.requests', icon: IconPackage, anyOf: ['aid.request', 'aid.approve', 'aid.warehouse', 'aid.deliver'] },
      { to: '/aid/warehouses', label: 'aid.nav.warehouses', icon: IconBuildingWarehouse, permission: 'aid.warehouse' },
      { to: '/aid/report', label: 'aid.nav.report', icon: IconReceipt2, permission: 'aid.report' },
    ],
  },
  {
    label: 'trainings.title',
    items: [
      { to: '/trainings', label: 'trainings.nav.trainings', icon: IconCertificate, permission: 'trainings.read' },
      { to: '/trainings/consultations', label: 'trainings.nav.consultations', icon: IconMessages, permission: 'trainings.read' },
    ],
  },
  {
    label: 'nav.results',
    items: [
      { to: '/indicators', label: 'indicators.title', icon: IconListNumbers, permission: 'indicators.read' },
      { to: '/reports/plan-vs-actual', label: 'reports.title', icon: IconReportAnalytics, permission: 'indicators.read' },
      // The coordinator's dashboard covers the branches one answers for: holders of cases.manage.
      { to: '/dashboards/coordinator', label: 'dashboards.nav.coordinator', icon: IconLayoutDashboard, permission: 'cases.manage' },
      { to: '/dashboards/indicators', label: 'dashboards.nav.indicators', icon: IconChartLine, permission: 'indicators.read' },
      { to: '/dashboards/programmes', label: 'dashboards.nav.programmes', icon: IconPresentationAnalytics, permission: 'indicators.read' },
      { to: '/feedback/summary', label: 'dashboards.feedback.nav', icon: IconMessageCircle, permission: 'indicators.read' },
      { to: '/outcomes/cohort', label: 'outcomes.nav.cohort', icon: IconChartDonut, permission: 'indicators.read' },
    ],
  },
  {
    label: 'web.directory',
    items: [
      { to: '/branches', label: 'nav.branches', icon: IconMapPin, permission: 'branches.read' },
      { to: '/programmes', label: 'nav.programmes', icon: IconClipboardList, permission: 'programmes.read' },
      { to: '/partners', label: 'partners.nav.directory', icon: IconAddressBook, permission: 'partners.read' },
      { to: '/partners/specialists', label: 'partners.nav.specialists', icon: IconId, permission: 'partners.read' },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      { to: '/admin/users', label: 'nav.users', icon: IconUsers, permission: 'users.read' },
      { to: '/admin/devices', label: 'fieldwork.devices.title', icon: IconDeviceMobile, permission: 'users.manage' },
      { to: '/admin/roles', label: 'nav.roles', icon: IconShieldLock, permission: 'roles.read' },
      { to: '/admin/organization', label: 'nav.organization', icon: IconBuildingCommunity, permission: 'organization.manage' },
      { to: '/admin/templates', label: 'nav.templates', icon: IconTemplate, permission: 'templates.manage' },
      { to: '/admin/document-templates', label: 'documents.nav', icon: IconFileText, permission: 'documents.templates' },
      { to: '/admin/service-types', label: 'nav.serviceTypes', icon: IconListDetails, permission: 'services.catalogue' },
      { to: '/admin/feedback-templates', label: 'dashboards.feedback.templatesTitle', icon: IconForms, permission: 'feedback.templates' },
      { to: '/admin/outcomes', label: 'outcomes.nav.framework', icon: IconTargetArrow, permission: 'indicators.manage' },
      { to: '/admin/aid-items', label: 'aid.nav.catalogue', icon: IconPackages, permission: 'aid.catalogue' },
      { to: '/imports', label: 'imports.nav', icon: IconFileImport, permission: 'imports.run' },
      { to: '/admin/audit', label: 'nav.audit', icon: IconHistory, permission: 'audit.read' },
      { to: '/privacy/requests', label: 'privacy.nav.requests', icon: IconShieldCheck, permission: 'privacy.manage' },
      { to: '/privacy/retention', label: 'privacy.nav.retention', icon: IconTrashX, permission: 'privacy.manage' },
      { to: '/privacy/acts', label: 'privacy.nav.acts', icon: IconFileCertificate, permission: 'privacy.manage' },
      // Issue 17, points 3–6.
      { to: '/admin/access-report', label: 'protection.nav.accessReport', icon: IconHistory, permission: 'audit.read' },
      { to: '/breakglass', label: 'protection.nav.breakglass', icon: IconShieldCheck, anyOf: ['breakglass.review', 'organization.manage'] },
      { to: '/breaches', label: 'protection.nav.breaches', icon: IconShieldCheck, permission: 'breaches.manage' },
      { to: '/admin/backup', label: 'protection.nav.backup', icon: IconShieldCheck, permission: 'backup.manage' },
    ],
  },
];

/** The sections and items this user may see. */
export function visibleSections(permissions: readonly Permission[]): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter(
      (item) =>
        (!item.permission || permissions.includes(item.permission)) && (!item.anyOf || item.anyOf.some((p) => permissions.includes(p))),
    ),
  })).filter((section) => section.items.length > 0);
}
