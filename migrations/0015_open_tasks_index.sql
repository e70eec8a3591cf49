-- Overdue plan tasks of a branch (the coordinator's dashboard, issue 7; also "my work"): the open
-- tasks past their due date are a small part of the 400,000 tasks of the benchmark organisation;
-- an index of the open ones by due date finds them without reading every task (≈110 ms → ≈30 ms
-- for the biggest branch, measured as hearth_app).
create index plan_tasks_open_due_idx on plan_tasks (org_id, due_on) include (plan_id)
  where status in ('planned', 'in_progress');
