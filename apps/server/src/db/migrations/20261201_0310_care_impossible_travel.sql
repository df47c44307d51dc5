-- 不可能的行程: the eighth visit check — a caregiver's check-in farther from their previous
-- recorded position than travel at 40 km/h allows in the time between (care.evv.ts).
ALTER TABLE care_exception DROP CONSTRAINT care_exception_kind_check;
ALTER TABLE care_exception ADD CONSTRAINT care_exception_kind_check
  CHECK (kind IN ('check_in_distance', 'check_out_distance', 'missing_photo', 'too_short', 'overlap', 'elsewhere', 'photo_reused', 'impossible_travel'));
