-- Row-level security evaluates its policy before any condition whose operator is not
-- "leakproof", and such a condition cannot drive an index. LIKE and ltree's <@ are not
-- leakproof; the text_pattern comparisons (~>=~, ~<~) and equality are. So searches use
-- prefix ranges, and the jurisdiction path gets a text twin (path_key) that a range can find.
ALTER TABLE person ADD COLUMN path_key text GENERATED ALWAYS AS (path::text) STORED;
CREATE INDEX person_path_key ON person (path_key text_pattern_ops);
