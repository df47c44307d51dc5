-- 居家养老服务: a visit's GPS positions (the caregiver's check-in and check-out fixes, a photo's
-- fix, the position a visit step carried) are personal data of the caregiver and the elder — a
-- location track (SECURITY.md). They move to ciphertext, sealed in Node with the field key
-- (`crypto/field-cipher.ts`, `sealJson({lat, lon, accuracy})`, the column as associated data):
-- this file adds the sealed columns, `…_0301_care_seal.step.ts` seals the rows there are, and
-- `…_0302_care_plain_dropped.sql` drops the plaintext columns. The EVV rules that used them
-- (distance to the home, impossible travel) compute in Node on opened values. A plan's care needs
-- (失智、康复、就医 …) say things about the elder's health: sealed the same way.
ALTER TABLE care_plan ADD COLUMN needs_enc text;
ALTER TABLE care_order
  ADD COLUMN check_in_fix_enc  text,
  ADD COLUMN check_out_fix_enc text;
ALTER TABLE care_photo ADD COLUMN fix_enc text;
ALTER TABLE care_visit_step ADD COLUMN fix_enc text;
