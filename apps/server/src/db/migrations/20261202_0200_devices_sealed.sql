-- 智能设备的个人敏感信息逐字段加密 (SECURITY.md: GPS tracks and health data are encrypted field by
-- field, AES-256-GCM, key outside the database). Step 1 of 3: the ciphertext columns, filled by
-- `20261202_0201_devices_seal.step.ts` from the plaintext ones, which `…_0202` then drops.
--   device_position.fix_enc      {lat, lng, accuracy?, altitude?, speed?, course?} of one fix
--   device.last_fix_enc          {lat, lng, accuracy?} of the watch's latest fix
--   device_alert.position_enc    {lat, lng} where the alert was raised (null when it had none)
--   health_reading.measures_enc  the reading's values (as the kiosk sent them, with the derived metrics)
--   health_reading.abnormal_enc  the metrics found beyond the elder's limits (a health finding)
--   health_threshold.limits_enc  {low, high}: an elder's own limit reveals a condition
-- Each is `FieldCipher.sealJson(value, '<table>.<column>')`.
ALTER TABLE device_position ADD COLUMN fix_enc text;
ALTER TABLE device ADD COLUMN last_fix_enc text;
ALTER TABLE device_alert ADD COLUMN position_enc text;
ALTER TABLE health_reading ADD COLUMN measures_enc text, ADD COLUMN abnormal_enc text;
ALTER TABLE health_threshold ADD COLUMN limits_enc text;
