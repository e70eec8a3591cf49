-- The organisation becomes part of every key (issue 11, point 9), so that no row can point into
-- another organisation whatever the application does: row-level security filters what a request
-- reads and writes, but a foreign-key check does not apply it, so a single-column reference
-- (branch_id → branches.id) accepted another organisation's branch. After this migration
--   * every tenant table's primary key and unique constraints include org_id;
--   * every foreign key between tenant tables is composite, (org_id, x_id) → (org_id, id), so the
--     referenced row must be in the same organisation. MATCH SIMPLE (the default) keeps nullable
--     references optional: a null x_id refers to nothing and is not checked.
-- The same shape is what distributing the tables by org_id on a Citus cluster requires (unique
-- constraints and foreign keys between distributed tables must include the distribution column);
-- see the README's architecture section.
--
-- Key column order: the existing keys become (id, org_id), not (org_id, id). Both include the
-- organisation and both can be the target of a composite foreign key (PostgreSQL matches the
-- referenced columns to a unique index as a set), but with id first every lookup by id alone — the
-- owner's trigger functions, the session lookup, anything outside row-level security — keeps
-- using the key's index as before, and no second index on id is needed. Tenant tables added later
-- may use (org_id, id); foreign keys to either shape are written (org_id, x_id) → (org_id, id).
--
-- Not changed, on purpose (the catalogue test src/server/db/keys.test.ts lists each with its why):
--   * organizations: its key is id, and its org_id is generated as id; references to it are
--     already (org_id) → organizations(id).
--   * audit_log: events before an organisation is known (a failed log-in with an unknown e-mail)
--     have no org_id, and nothing references the log.
--   * users_email_key: e-mail addresses are unique across organisations because the log-in form
--     finds the organisation by the address.
--   * login_throttle, schema_migrations: not tenant data.
--
-- ON DELETE behaviour is kept (cascade where it was; no reference here is deferrable or SET NULL —
-- a SET NULL on a composite key would have to name its column, `on delete set null (x_id)`, or it
-- would null org_id too). Constraint names are kept, so an error names the same constraint as before.
--
-- If a row already points into another organisation (the defect this closes), adding its foreign
-- key fails and the whole migration rolls back; the error names the constraint and the key, and
-- that row must be corrected by hand first.

-- 1. Foreign keys between tenant tables go first: they depend on the primary keys they reference.
alter table assessment_amendments
  drop constraint assessment_amendments_amended_by_fkey,
  drop constraint assessment_amendments_assessment_id_fkey;
alter table assessment_templates
  drop constraint assessment_templates_created_by_fkey;
alter table assessments
  drop constraint assessments_case_id_fkey,
  drop constraint assessments_conducted_by_fkey,
  drop constraint assessments_member_id_fkey,
  drop constraint assessments_template_id_fkey;
alter table case_events
  drop constraint case_events_actor_id_fkey,
  drop constraint case_events_case_id_fkey;
alter table case_search
  drop constraint case_search_case_id_fkey;
alter table case_team
  drop constraint case_team_case_id_fkey,
  drop constraint case_team_user_id_fkey;
alter table cases
  drop constraint cases_branch_id_fkey,
  drop constraint cases_created_by_fkey,
  drop constraint cases_family_id_fkey,
  drop constraint cases_lead_id_fkey,
  drop constraint cases_programme_id_fkey,
  drop constraint cases_referral_id_fkey;
alter table consents
  drop constraint consents_family_id_fkey,
  drop constraint consents_member_id_fkey,
  drop constraint consents_scan_file_id_fkey,
  drop constraint consents_taken_by_fkey;
alter table facilities
  drop constraint facilities_branch_id_fkey,
  drop constraint facilities_programme_id_fkey;
alter table families
  drop constraint families_branch_id_fkey,
  drop constraint families_created_by_fkey;
alter table feedback_responses
  drop constraint feedback_responses_branch_id_fkey,
  drop constraint feedback_responses_case_id_fkey,
  drop constraint feedback_responses_created_by_fkey,
  drop constraint feedback_responses_facility_id_fkey,
  drop constraint feedback_responses_programme_id_fkey,
  drop constraint feedback_responses_template_id_fkey;
alter table feedback_templates
  drop constraint feedback_templates_created_by_fkey;
alter table files
  drop constraint files_uploaded_by_fkey;
alter table follow_ups
  drop constraint follow_ups_case_id_fkey,
  drop constraint follow_ups_created_by_fkey,
  drop constraint follow_ups_service_id_fkey;
alter table group_attendance
  drop constraint group_attendance_case_id_fkey,
  drop constraint group_attendance_member_id_fkey,
  drop constraint group_attendance_session_id_fkey;
alter table group_sessions
  drop constraint group_sessions_branch_id_fkey,
  drop constraint group_sessions_created_by_fkey;
alter table house_journal
  drop constraint house_journal_facility_id_fkey,
  drop constraint house_journal_member_id_fkey,
  drop constraint house_journal_on_duty_id_fkey,
  drop constraint house_journal_recorded_by_fkey,
  drop constraint house_journal_stay_id_fkey;
alter table housing_closures
  drop constraint housing_closures_created_by_fkey,
  drop constraint housing_closures_facility_id_fkey,
  drop constraint housing_closures_room_id_fkey;
alter table idempotency_keys
  drop constraint idempotency_keys_user_id_fkey;
alter table indicator_targets
  drop constraint indicator_targets_branch_id_fkey,
  drop constraint indicator_targets_indicator_id_fkey,
  drop constraint indicator_targets_programme_id_fkey,
  drop constraint indicator_targets_updated_by_fkey;
alter table indicator_versions
  drop constraint indicator_versions_created_by_fkey,
  drop constraint indicator_versions_indicator_id_fkey;
alter table members
  drop constraint members_family_id_fkey;
alter table outcome_frameworks
  drop constraint outcome_frameworks_created_by_fkey,
  drop constraint outcome_frameworks_programme_id_fkey;
alter table outcome_marks
  drop constraint outcome_marks_case_id_fkey,
  drop constraint outcome_marks_marked_by_fkey,
  drop constraint outcome_marks_outcome_id_fkey;
alter table outcomes
  drop constraint outcomes_framework_id_fkey;
alter table placements
  drop constraint placements_facility_id_fkey,
  drop constraint placements_member_id_fkey,
  drop constraint placements_place_id_fkey,
  drop constraint placements_stay_id_fkey;
alter table places
  drop constraint places_facility_id_fkey,
  drop constraint places_room_id_fkey;
alter table plan_goals
  drop constraint plan_goals_from_assessment_id_fkey,
  drop constraint plan_goals_plan_id_fkey;
alter table plan_reviews
  drop constraint plan_reviews_plan_id_fkey,
  drop constraint plan_reviews_reviewed_by_fkey;
alter table plan_tasks
  drop constraint plan_tasks_goal_id_fkey,
  drop constraint plan_tasks_plan_id_fkey,
  drop constraint plan_tasks_responsible_user_id_fkey;
alter table plans
  drop constraint plans_case_id_fkey,
  drop constraint plans_created_by_fkey;
alter table referrals
  drop constraint referrals_branch_id_fkey,
  drop constraint referrals_family_id_fkey,
  drop constraint referrals_intake_assigned_to_fkey,
  drop constraint referrals_programme_id_fkey,
  drop constraint referrals_received_by_fkey;
alter table report_narratives
  drop constraint report_narratives_indicator_id_fkey,
  drop constraint report_narratives_programme_id_fkey,
  drop constraint report_narratives_updated_by_fkey;
alter table report_settings
  drop constraint report_settings_updated_by_fkey;
alter table rooms
  drop constraint rooms_facility_id_fkey;
alter table sensitive_notes
  drop constraint sensitive_notes_family_id_fkey,
  drop constraint sensitive_notes_member_id_fkey,
  drop constraint sensitive_notes_recorded_by_fkey;
alter table services
  drop constraint services_case_id_fkey,
  drop constraint services_created_by_fkey,
  drop constraint services_type_id_fkey;
alter table sessions
  drop constraint sessions_user_id_fkey;
alter table social_contacts
  drop constraint social_contacts_family_id_fkey;
alter table stay_extensions
  drop constraint stay_extensions_created_by_fkey,
  drop constraint stay_extensions_stay_id_fkey;
alter table stays
  drop constraint stays_branch_id_fkey,
  drop constraint stays_case_id_fkey,
  drop constraint stays_created_by_fkey,
  drop constraint stays_facility_id_fkey,
  drop constraint stays_family_id_fkey,
  drop constraint stays_previous_stay_id_fkey;
alter table user_branches
  drop constraint user_branches_branch_id_fkey,
  drop constraint user_branches_user_id_fkey;
alter table user_roles
  drop constraint user_roles_user_id_fkey;

-- 2. Primary keys and unique constraints take org_id.
alter table assessment_amendments drop constraint assessment_amendments_pkey, add constraint assessment_amendments_pkey primary key (id, org_id);
alter table assessment_templates drop constraint assessment_templates_pkey, add constraint assessment_templates_pkey primary key (id, org_id);
alter table assessments drop constraint assessments_pkey, add constraint assessments_pkey primary key (id, org_id);
alter table branches drop constraint branches_pkey, add constraint branches_pkey primary key (id, org_id);
alter table case_events drop constraint case_events_pkey, add constraint case_events_pkey primary key (id, org_id);
alter table case_team drop constraint case_team_pkey, add constraint case_team_pkey primary key (case_id, user_id, role, org_id);
alter table cases drop constraint cases_pkey, add constraint cases_pkey primary key (id, org_id);
alter table consents drop constraint consents_pkey, add constraint consents_pkey primary key (id, org_id);
alter table facilities drop constraint facilities_pkey, add constraint facilities_pkey primary key (id, org_id);
alter table families drop constraint families_pkey, add constraint families_pkey primary key (id, org_id);
alter table feedback_responses drop constraint feedback_responses_pkey, add constraint feedback_responses_pkey primary key (id, org_id);
alter table feedback_templates drop constraint feedback_templates_pkey, add constraint feedback_templates_pkey primary key (id, org_id);
alter table files drop constraint files_pkey, add constraint files_pkey primary key (id, org_id);
alter table follow_ups drop constraint follow_ups_pkey, add constraint follow_ups_pkey primary key (id, org_id);
alter table group_attendance drop constraint group_attendance_pkey, add constraint group_attendance_pkey primary key (session_id, member_id, org_id);
alter table group_sessions drop constraint group_sessions_pkey, add constraint group_sessions_pkey primary key (id, org_id);
alter table house_journal drop constraint house_journal_pkey, add constraint house_journal_pkey primary key (id, org_id);
alter table housing_closures drop constraint housing_closures_pkey, add constraint housing_closures_pkey primary key (id, org_id);
alter table indicator_targets drop constraint indicator_targets_pkey, add constraint indicator_targets_pkey primary key (id, org_id);
alter table indicator_versions drop constraint indicator_versions_pkey, add constraint indicator_versions_pkey primary key (indicator_id, version, org_id);
alter table indicators drop constraint indicators_pkey, add constraint indicators_pkey primary key (id, org_id);
alter table members drop constraint members_pkey, add constraint members_pkey primary key (id, org_id);
alter table outcome_frameworks drop constraint outcome_frameworks_pkey, add constraint outcome_frameworks_pkey primary key (id, org_id);
alter table outcome_marks drop constraint outcome_marks_pkey, add constraint outcome_marks_pkey primary key (id, org_id);
alter table outcomes drop constraint outcomes_pkey, add constraint outcomes_pkey primary key (id, org_id);
alter table placements drop constraint placements_pkey, add constraint placements_pkey primary key (id, org_id);
alter table places drop constraint places_pkey, add constraint places_pkey primary key (id, org_id);
alter table plan_goals drop constraint plan_goals_pkey, add constraint plan_goals_pkey primary key (id, org_id);
alter table plan_reviews drop constraint plan_reviews_pkey, add constraint plan_reviews_pkey primary key (id, org_id);
alter table plan_tasks drop constraint plan_tasks_pkey, add constraint plan_tasks_pkey primary key (id, org_id);
alter table plans drop constraint plans_pkey, add constraint plans_pkey primary key (id, org_id);
alter table programmes drop constraint programmes_pkey, add constraint programmes_pkey primary key (id, org_id);
alter table referrals drop constraint referrals_pkey, add constraint referrals_pkey primary key (id, org_id);
alter table report_narratives drop constraint report_narratives_pkey, add constraint report_narratives_pkey primary key (id, org_id);
alter table rooms drop constraint rooms_pkey, add constraint rooms_pkey primary key (id, org_id);
alter table sensitive_notes drop constraint sensitive_notes_pkey, add constraint sensitive_notes_pkey primary key (id, org_id);
alter table service_types drop constraint service_types_pkey, add constraint service_types_pkey primary key (id, org_id);
alter table services drop constraint services_pkey, add constraint services_pkey primary key (id, org_id);
alter table sessions drop constraint sessions_pkey, add constraint sessions_pkey primary key (id, org_id);
alter table social_contacts drop constraint social_contacts_pkey, add constraint social_contacts_pkey primary key (id, org_id);
alter table stay_extensions drop constraint stay_extensions_pkey, add constraint stay_extensions_pkey primary key (id, org_id);
alter table stays drop constraint stays_pkey, add constraint stays_pkey primary key (id, org_id);
alter table user_branches drop constraint user_branches_pkey, add constraint user_branches_pkey primary key (user_id, branch_id, org_id);
alter table user_roles drop constraint user_roles_pkey, add constraint user_roles_pkey primary key (user_id, role_code, org_id);
alter table users drop constraint users_pkey, add constraint users_pkey primary key (id, org_id);
alter table follow_ups drop constraint follow_ups_service_id_key, add constraint follow_ups_service_id_org_id_key unique (service_id, org_id);
alter table outcomes drop constraint outcomes_framework_id_code_key, add constraint outcomes_framework_id_code_org_id_key unique (framework_id, code, org_id);
alter table places drop constraint places_room_id_label_key, add constraint places_room_id_label_org_id_key unique (room_id, label, org_id);
alter table plans drop constraint plans_case_id_key, add constraint plans_case_id_org_id_key unique (case_id, org_id);
alter table rooms drop constraint rooms_facility_id_name_key, add constraint rooms_facility_id_name_org_id_key unique (facility_id, name, org_id);

-- 3. The foreign keys again, composite, with the same names and ON DELETE behaviour.
alter table assessment_amendments
  add constraint assessment_amendments_amended_by_fkey foreign key (org_id, amended_by) references users (org_id, id),
  add constraint assessment_amendments_assessment_id_fkey foreign key (org_id, assessment_id) references assessments (org_id, id);
alter table assessment_templates
  add constraint assessment_templates_created_by_fkey foreign key (org_id, created_by) references users (org_id, id);
alter table assessments
  add constraint assessments_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint assessments_conducted_by_fkey foreign key (org_id, conducted_by) references users (org_id, id),
  add constraint assessments_member_id_fkey foreign key (org_id, member_id) references members (org_id, id),
  add constraint assessments_template_id_fkey foreign key (org_id, template_id) references assessment_templates (org_id, id);
alter table case_events
  add constraint case_events_actor_id_fkey foreign key (org_id, actor_id) references users (org_id, id),
  add constraint case_events_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id);
alter table case_search
  add constraint case_search_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id) on delete cascade;
alter table case_team
  add constraint case_team_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id) on delete cascade,
  add constraint case_team_user_id_fkey foreign key (org_id, user_id) references users (org_id, id);
alter table cases
  add constraint cases_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint cases_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint cases_family_id_fkey foreign key (org_id, family_id) references families (org_id, id),
  add constraint cases_lead_id_fkey foreign key (org_id, lead_id) references users (org_id, id),
  add constraint cases_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id),
  add constraint cases_referral_id_fkey foreign key (org_id, referral_id) references referrals (org_id, id);
alter table consents
  add constraint consents_family_id_fkey foreign key (org_id, family_id) references families (org_id, id) on delete cascade,
  add constraint consents_member_id_fkey foreign key (org_id, member_id) references members (org_id, id) on delete cascade,
  add constraint consents_scan_file_id_fkey foreign key (org_id, scan_file_id) references files (org_id, id),
  add constraint consents_taken_by_fkey foreign key (org_id, taken_by) references users (org_id, id);
alter table facilities
  add constraint facilities_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint facilities_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id);
alter table families
  add constraint families_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint families_created_by_fkey foreign key (org_id, created_by) references users (org_id, id);
alter table feedback_responses
  add constraint feedback_responses_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint feedback_responses_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint feedback_responses_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint feedback_responses_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id),
  add constraint feedback_responses_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id),
  add constraint feedback_responses_template_id_fkey foreign key (org_id, template_id) references feedback_templates (org_id, id);
alter table feedback_templates
  add constraint feedback_templates_created_by_fkey foreign key (org_id, created_by) references users (org_id, id);
alter table files
  add constraint files_uploaded_by_fkey foreign key (org_id, uploaded_by) references users (org_id, id);
alter table follow_ups
  add constraint follow_ups_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint follow_ups_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint follow_ups_service_id_fkey foreign key (org_id, service_id) references services (org_id, id);
alter table group_attendance
  add constraint group_attendance_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint group_attendance_member_id_fkey foreign key (org_id, member_id) references members (org_id, id),
  add constraint group_attendance_session_id_fkey foreign key (org_id, session_id) references group_sessions (org_id, id) on delete cascade;
alter table group_sessions
  add constraint group_sessions_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint group_sessions_created_by_fkey foreign key (org_id, created_by) references users (org_id, id);
alter table house_journal
  add constraint house_journal_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id),
  add constraint house_journal_member_id_fkey foreign key (org_id, member_id) references members (org_id, id),
  add constraint house_journal_on_duty_id_fkey foreign key (org_id, on_duty_id) references users (org_id, id),
  add constraint house_journal_recorded_by_fkey foreign key (org_id, recorded_by) references users (org_id, id),
  add constraint house_journal_stay_id_fkey foreign key (org_id, stay_id) references stays (org_id, id);
alter table housing_closures
  add constraint housing_closures_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint housing_closures_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id),
  add constraint housing_closures_room_id_fkey foreign key (org_id, room_id) references rooms (org_id, id);
alter table idempotency_keys
  add constraint idempotency_keys_user_id_fkey foreign key (org_id, user_id) references users (org_id, id) on delete cascade;
alter table indicator_targets
  add constraint indicator_targets_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint indicator_targets_indicator_id_fkey foreign key (org_id, indicator_id) references indicators (org_id, id),
  add constraint indicator_targets_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id),
  add constraint indicator_targets_updated_by_fkey foreign key (org_id, updated_by) references users (org_id, id);
alter table indicator_versions
  add constraint indicator_versions_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint indicator_versions_indicator_id_fkey foreign key (org_id, indicator_id) references indicators (org_id, id);
alter table members
  add constraint members_family_id_fkey foreign key (org_id, family_id) references families (org_id, id) on delete cascade;
alter table outcome_frameworks
  add constraint outcome_frameworks_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint outcome_frameworks_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id);
alter table outcome_marks
  add constraint outcome_marks_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint outcome_marks_marked_by_fkey foreign key (org_id, marked_by) references users (org_id, id),
  add constraint outcome_marks_outcome_id_fkey foreign key (org_id, outcome_id) references outcomes (org_id, id);
alter table outcomes
  add constraint outcomes_framework_id_fkey foreign key (org_id, framework_id) references outcome_frameworks (org_id, id);
alter table placements
  add constraint placements_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id),
  add constraint placements_member_id_fkey foreign key (org_id, member_id) references members (org_id, id),
  add constraint placements_place_id_fkey foreign key (org_id, place_id) references places (org_id, id),
  add constraint placements_stay_id_fkey foreign key (org_id, stay_id) references stays (org_id, id);
alter table places
  add constraint places_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id),
  add constraint places_room_id_fkey foreign key (org_id, room_id) references rooms (org_id, id);
alter table plan_goals
  add constraint plan_goals_from_assessment_id_fkey foreign key (org_id, from_assessment_id) references assessments (org_id, id),
  add constraint plan_goals_plan_id_fkey foreign key (org_id, plan_id) references plans (org_id, id) on delete cascade;
alter table plan_reviews
  add constraint plan_reviews_plan_id_fkey foreign key (org_id, plan_id) references plans (org_id, id) on delete cascade,
  add constraint plan_reviews_reviewed_by_fkey foreign key (org_id, reviewed_by) references users (org_id, id);
alter table plan_tasks
  add constraint plan_tasks_goal_id_fkey foreign key (org_id, goal_id) references plan_goals (org_id, id) on delete cascade,
  add constraint plan_tasks_plan_id_fkey foreign key (org_id, plan_id) references plans (org_id, id) on delete cascade,
  add constraint plan_tasks_responsible_user_id_fkey foreign key (org_id, responsible_user_id) references users (org_id, id);
alter table plans
  add constraint plans_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint plans_created_by_fkey foreign key (org_id, created_by) references users (org_id, id);
alter table referrals
  add constraint referrals_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint referrals_family_id_fkey foreign key (org_id, family_id) references families (org_id, id),
  add constraint referrals_intake_assigned_to_fkey foreign key (org_id, intake_assigned_to) references users (org_id, id),
  add constraint referrals_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id),
  add constraint referrals_received_by_fkey foreign key (org_id, received_by) references users (org_id, id);
alter table report_narratives
  add constraint report_narratives_indicator_id_fkey foreign key (org_id, indicator_id) references indicators (org_id, id),
  add constraint report_narratives_programme_id_fkey foreign key (org_id, programme_id) references programmes (org_id, id),
  add constraint report_narratives_updated_by_fkey foreign key (org_id, updated_by) references users (org_id, id);
alter table report_settings
  add constraint report_settings_updated_by_fkey foreign key (org_id, updated_by) references users (org_id, id);
alter table rooms
  add constraint rooms_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id);
alter table sensitive_notes
  add constraint sensitive_notes_family_id_fkey foreign key (org_id, family_id) references families (org_id, id) on delete cascade,
  add constraint sensitive_notes_member_id_fkey foreign key (org_id, member_id) references members (org_id, id) on delete cascade,
  add constraint sensitive_notes_recorded_by_fkey foreign key (org_id, recorded_by) references users (org_id, id);
alter table services
  add constraint services_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint services_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint services_type_id_fkey foreign key (org_id, type_id) references service_types (org_id, id);
alter table sessions
  add constraint sessions_user_id_fkey foreign key (org_id, user_id) references users (org_id, id) on delete cascade;
alter table social_contacts
  add constraint social_contacts_family_id_fkey foreign key (org_id, family_id) references families (org_id, id) on delete cascade;
alter table stay_extensions
  add constraint stay_extensions_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint stay_extensions_stay_id_fkey foreign key (org_id, stay_id) references stays (org_id, id);
alter table stays
  add constraint stays_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint stays_case_id_fkey foreign key (org_id, case_id) references cases (org_id, id),
  add constraint stays_created_by_fkey foreign key (org_id, created_by) references users (org_id, id),
  add constraint stays_facility_id_fkey foreign key (org_id, facility_id) references facilities (org_id, id),
  add constraint stays_family_id_fkey foreign key (org_id, family_id) references families (org_id, id),
  add constraint stays_previous_stay_id_fkey foreign key (org_id, previous_stay_id) references stays (org_id, id);
alter table user_branches
  add constraint user_branches_branch_id_fkey foreign key (org_id, branch_id) references branches (org_id, id),
  add constraint user_branches_user_id_fkey foreign key (org_id, user_id) references users (org_id, id) on delete cascade;
alter table user_roles
  add constraint user_roles_user_id_fkey foreign key (org_id, user_id) references users (org_id, id) on delete cascade;
