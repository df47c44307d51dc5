-- The commit takes pending rows window by window of row numbers (a range of the primary key), so
-- the partial index of pending rows is no longer read; it was a third of the index upkeep of
-- every staged row (issue 4, import throughput).
DROP INDEX IF EXISTS import_row_pending;
