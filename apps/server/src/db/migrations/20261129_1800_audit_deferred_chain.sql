-- Audit rows are written in the caller's transaction without their chain link, and linked
-- afterwards by one chainer (in the order it sees them committed). Before this, every audited
-- transaction took a global lock until commit to read the previous hash: one search at a time
-- across the whole city, and three round trips on every read of personal data.
--
-- `chain_seq` is the order of the chain (commit order is not id order); rows already chained keep
-- theirs (they were chained in id order). The application may set the three link columns of a row
-- exactly once, and nothing else: the trigger refuses any other change, and any delete.
ALTER TABLE audit_log ADD COLUMN chain_seq bigint UNIQUE;
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log SET chain_seq = id WHERE true;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
CREATE INDEX audit_log_unchained ON audit_log (id) WHERE hash IS NULL;

CREATE OR REPLACE FUNCTION linli_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.chain_seq IS NULL AND OLD.prev_hash IS NULL
     AND NEW.hash IS NOT NULL AND NEW.chain_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL
     AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
     AND NEW.action = OLD.action AND NEW.outcome = OLD.outcome AND NEW.ip IS NOT DISTINCT FROM OLD.ip
     AND NEW.object_type IS NOT DISTINCT FROM OLD.object_type AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id
     AND NEW.reason IS NOT DISTINCT FROM OLD.reason AND NEW.detail = OLD.detail THEN
    RETURN NEW; -- linking a row into the chain, once
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

GRANT UPDATE (chain_seq, prev_hash, hash) ON audit_log TO linli_app;
