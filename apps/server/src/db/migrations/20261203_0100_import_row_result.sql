-- A staged row's outcome (created / updated / skipped / failed, the record it made, the reason it
-- failed) in a narrow table of its own, inserted in the transaction of the row's change: the
-- commit no longer rewrites each ≈1 kB staged row to mark it applied (an UPDATE of the wide row
-- and of its index entries was a fifth of the commit's database time; issue 4, import
-- throughput). `import_row` is written once, at staging. A row is pending while it has no result;
-- the primary key lets a row be applied once only. No foreign key: checked per row it would cost
-- as much again, and results go with their staged rows (restaging deletes both).
CREATE TABLE import_row_result (
  job_id      uuid NOT NULL,
  row_no      integer NOT NULL,
  path        ltree NOT NULL,
  result      text NOT NULL CHECK (result IN ('created', 'updated', 'skipped', 'failed')),
  result_id   uuid,
  -- the row's messages with the reason it failed (null: the staged row's own messages)
  messages    jsonb,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, row_no)
);
ALTER TABLE import_row_result ENABLE ROW LEVEL SECURITY;
CREATE POLICY import_row_result_scope ON import_row_result USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())));
COMMENT ON TABLE import_row_result IS 'pii:general 导入行的写入结果与失败原因';

INSERT INTO import_row_result (job_id, row_no, path, result, result_id, messages, applied_at)
SELECT job_id, row_no, path, result, result_id, CASE WHEN result = 'failed' THEN messages END, applied_at FROM import_row WHERE applied_at IS NOT NULL AND result IS NOT NULL;
ALTER TABLE import_row DROP COLUMN result, DROP COLUMN result_id, DROP COLUMN applied_at;
