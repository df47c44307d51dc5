-- 结束照护计划: a plan can be ended early with a date and a reason (the elder moved into a home,
-- passed away, changed provider). The plan and its past orders stay as they were (history); orders
-- scheduled after the end date that were not started are cancelled with the plan's reason.
ALTER TABLE care_plan
  ADD COLUMN ended_on   date,
  ADD COLUMN end_reason text CHECK (length(end_reason) BETWEEN 2 AND 500),
  ADD COLUMN ended_by   uuid REFERENCES app_user (id),
  ADD COLUMN ended_at   timestamptz;
ALTER TABLE care_plan ADD CONSTRAINT care_plan_end_complete
  CHECK (ended_on IS NULL OR (status = 'ended' AND end_reason IS NOT NULL AND ended_by IS NOT NULL AND ended_on >= period_from));
