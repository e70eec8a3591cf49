-- Plans and services at scale (issue 4 and 5 benchmarks: 100,000 cases, 20,000 plans with ≈400,000
-- tasks, 2,000,000 services).
--
-- 1. Plan progress (in every case summary: the case page, the caseload list) joins tasks to their
--    goals. With no index on plan_tasks.goal_id that join read all tasks of the organisation
--    (≈1 s for one case page at 400,000 tasks). The index also serves the cascade when a goal is
--    removed.
create index plan_tasks_goal_idx on plan_tasks (goal_id);

select hearth_grant_app();
