-- The elder module's health data moves to ciphertext (SECURITY.md: health data is encrypted field
-- by field, key outside the database). This adds the sealed columns; the data step
-- 20261202_0401_elder_seal.step.ts fills them from the plaintext (and seals the health values the
-- change log kept of archives), and 20261202_0402 drops the plaintext.
ALTER TABLE elder_archive ADD COLUMN health_enc text;
ALTER TABLE elder_assessment ADD COLUMN health_enc text;
ALTER TABLE elder_risk_event ADD COLUMN kind_enc text, ADD COLUMN kind_hash text, ADD COLUMN note_enc text;
