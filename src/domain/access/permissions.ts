// Roles and permissions. Permissions are a closed list known to the code (each route declares one);
// which role holds which permission is data per organisation, seeded from DEFAULT_ROLE_PERMISSIONS.

export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'roles.read',
  'roles.manage',
  'branches.read',
  'branches.manage',
  'programmes.read',
  'programmes.manage',
  'organization.manage',
  'audit.read',
  'referrals.read',
  'referrals.create',
  'referrals.triage',
  'families.read',
  'families.manage',
  'cases.read',
  'cases.manage',
  'volunteer.families',
  'templates.manage',
  'feedback.templates',
  'services.catalogue',
  'groups.manage',
  'housing.read',
  'housing.manage',
  'housing.stays',
  'housing.journal',
  'housing.address',
  'indicators.read',
  'indicators.manage',
  'aid.catalogue',
  'aid.request',
  'aid.approve',
  'aid.warehouse',
  'aid.deliver',
  'aid.report',
  'trainings.read',
  'trainings.manage',
  'mentoring.read',
  'mentoring.manage',
  'mentoring.match',
  'mentoring.own',
  'shifts.read',
  'shifts.manage',
  'partners.read',
  'partners.manage',
  'documents.templates',
  'imports.run',
  'volunteers.read',
  'volunteers.manage',
  'privacy.manage',
  'backup.manage',
  'breaches.manage',
  'breakglass.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_CODES = [
  'admin',
  'coordinator',
  'case_worker',
  'psychologist',
  'lawyer',
  'shelter_admin',
  'volunteer',
  'supervisor',
  'me_officer',
  'mentor',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

const everyone: Permission[] = ['branches.read', 'programmes.read'];
const casework: Permission[] = ['referrals.read', 'referrals.create', 'families.read', 'families.manage', 'cases.read', 'groups.manage'];
const ACCESS_ADMIN: Permission[] = [
  'users.read',
  'users.manage',
  'roles.read',
  'roles.manage',
  'branches.read',
  'branches.manage',
  'programmes.read',
  'programmes.manage',
  'organization.manage',
  'audit.read',
  'templates.manage',
  'feedback.templates',
  'services.catalogue',
  'housing.read',
  'housing.manage',
  'housing.address',
  'indicators.read',
  'indicators.manage',
];
// Housing: reception (shelter_admin) checks families in and out and keeps the journal; the
// coordinator also manages facilities; casework and M&E read the board and the figures.
const housingDesk: Permission[] = ['housing.read', 'housing.stays', 'housing.journal', 'housing.address'];
// Indicators and results: figures without identities. Reading them is for those who answer for a
// programme's results; defining indicators and setting targets is the M&E officer's (and admin's).
const results: Permission[] = ['indicators.read'];
// Aid: the family's worker asks (aid.request), the coordinator or supervisor decides (aid.approve),
// reception and the storekeeper keep the warehouse and hand out (aid.warehouse), a volunteer
// delivers what is assigned to them (aid.deliver), and the donors' report has no identities (aid.report).
const aidAsk: Permission[] = ['aid.request'];
// Trainings for specialists and consultations given to them: casework, coordinators and supervisors
// run the trainings of their branches and record consultations (which show a case only to those who
// reach it); the M&E officer reads the trainings and participants to check the figures.
const trainings: Permission[] = ['trainings.read', 'trainings.manage'];
// Away profile shifts: casework reads the shifts it reaches and runs them (participants, days,
// attendance, diagnostics, analysis, summary); the M&E officer gets counts only (indicators.read).
const shifts: Permission[] = ['shifts.read', 'shifts.manage'];
// Mentoring: casework reads the register of mentors and matches a mentor to its families
// (mentoring.match); the coordinator and supervisor keep the register, the training and the
// supervision (mentoring.manage); a mentor signs in to the families matched to them only — first
// names, children's ages, the log they keep and the tasks given to them (mentoring.own).
const mentoringWork: Permission[] = ['mentoring.read', 'mentoring.match'];
// Partners: the directory of partner organisations and external specialists holds their contact
// people's data, so reading it is a permission of casework and reception (who take referrals and
// signpost); the coordinator, supervisor and admin keep it (partners.manage).
const partners: Permission[] = ['partners.read'];
// Volunteers: the coordinator and supervisor keep the register (applications, screening with the
// certificate of no criminal record, teams, tasks and hours); a volunteer signs in to their own
// screen with volunteer.families (their tasks, teams and hours; a task's family by first names and
// children's ages only), the same permission that shows a case team's volunteer the family's names.
const volunteers: Permission[] = ['volunteers.read', 'volunteers.manage'];

// Casework permissions only open the door: which cases a holder reaches is decided per record
// (case team, or the branches a coordinator/supervisor is responsible for). The admin manages the
// organisation and by default sees no case at all — confidentiality first; give the admin a
// casework role too where one person does both.
export const DEFAULT_ROLE_PERMISSIONS = {
  admin: [
    ...ACCESS_ADMIN,
    'aid.catalogue',
    'aid.report',
    ...partners,
    'partners.manage',
    'documents.templates',
    'imports.run',
    'privacy.manage',
    // Issue 17: the instance's backups and the breach register are the operator's (the admin's).
    'backup.manage',
    'breaches.manage',
  ],
  coordinator: [
    ...everyone,
    ...casework,
    'users.read',
    'referrals.triage',
    'cases.manage',
    'templates.manage',
    'feedback.templates',
    'services.catalogue',
    ...housingDesk,
    'housing.manage',
    ...results,
    ...aidAsk,
    'aid.catalogue',
    'aid.approve',
    'aid.warehouse',
    'aid.report',
    ...trainings,
    ...mentoringWork,
    'mentoring.manage',
    ...shifts,
    ...partners,
    'partners.manage',
    'documents.templates',
    'imports.run',
    ...volunteers,
    // Reviews the break-glass openings of the cases of their branches (issue 17, point 3).
    'breakglass.review',
  ],
  case_worker: [...everyone, ...casework, 'housing.read', ...aidAsk, ...trainings, ...mentoringWork, ...shifts, ...partners],
  psychologist: [...everyone, ...casework, 'housing.read', ...aidAsk, ...trainings, ...mentoringWork, ...shifts, ...partners],
  lawyer: [...everyone, ...casework, 'housing.read', ...aidAsk, ...trainings, ...mentoringWork, ...shifts, ...partners],
  shelter_admin: [...everyone, 'referrals.create', 'groups.manage', ...housingDesk, 'aid.warehouse', ...partners],
  volunteer: [...everyone, 'volunteer.families', 'aid.deliver'],
  supervisor: [
    ...everyone,
    ...casework,
    'users.read',
    'referrals.triage',
    'cases.manage',
    ...housingDesk,
    ...results,
    ...aidAsk,
    'aid.approve',
    'aid.report',
    ...trainings,
    ...mentoringWork,
    'mentoring.manage',
    ...shifts,
    ...partners,
    'partners.manage',
    ...volunteers,
    'breakglass.review',
  ],
  me_officer: [...everyone, 'housing.read', ...results, 'indicators.manage', 'feedback.templates', 'aid.report', 'trainings.read'],
  mentor: [...everyone, 'mentoring.own'],
} as const satisfies Record<RoleCode, readonly Permission[]>;

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** The union of the permissions of the roles a user holds. */
export function permissionsOf(roles: readonly { permissions: readonly string[] }[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of role.permissions) if (isPermission(p)) result.add(p);
  return result;
}
