-- 导出: modules now register their own lists (care orders, visit exceptions, elders …), so the
-- service checks `resource` against the registered lists; a fixed list here would need a
-- migration for every new one.
ALTER TABLE export_job DROP CONSTRAINT IF EXISTS export_job_resource_check;
ALTER TABLE export_job ADD CONSTRAINT export_job_resource_code CHECK (resource ~ '^[a-z][a-z_]{1,39}$');
