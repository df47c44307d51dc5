-- The plaintext positions and plan needs of the care module are gone (sealed by `…_0301_care_seal.step.ts`); a
-- sealed column holds only a ciphertext of the field cipher's format, and every table and every
-- column that looks sensitive carries its personal-data tag (the schema check reads them).
ALTER TABLE care_order
  DROP COLUMN check_in_lat, DROP COLUMN check_in_lon, DROP COLUMN check_in_acc,
  DROP COLUMN check_out_lat, DROP COLUMN check_out_lon, DROP COLUMN check_out_acc;
ALTER TABLE care_photo DROP COLUMN lat, DROP COLUMN lon;
ALTER TABLE care_plan DROP COLUMN needs;
ALTER TABLE care_plan ALTER COLUMN needs_enc SET NOT NULL;
ALTER TABLE care_plan ADD CONSTRAINT care_plan_needs_sealed CHECK (needs_enc ~ '^v[0-9]+:');

ALTER TABLE care_order ADD CONSTRAINT care_order_fix_sealed
  CHECK ((check_in_fix_enc IS NULL OR check_in_fix_enc ~ '^v[0-9]+:') AND (check_out_fix_enc IS NULL OR check_out_fix_enc ~ '^v[0-9]+:'));
ALTER TABLE care_photo ADD CONSTRAINT care_photo_fix_sealed CHECK (fix_enc IS NULL OR fix_enc ~ '^v[0-9]+:');
ALTER TABLE care_visit_step ADD CONSTRAINT care_visit_step_fix_sealed CHECK (fix_enc IS NULL OR fix_enc ~ '^v[0-9]+:');
-- the step's payload keeps what is not a position (an evaluation's rating and who confirmed it)
ALTER TABLE care_visit_step ADD CONSTRAINT care_visit_step_payload_no_position CHECK (NOT payload ? 'position');

-- The travel rule's look-up of a caregiver's previous check-in (`lastVisitBefore`): one index
-- probe rather than all the caregiver's visits sorted (the sealed rows are wider to read).
CREATE INDEX care_order_caregiver_check_in ON care_order (caregiver_id, check_in_at DESC) WHERE check_in_fix_enc IS NOT NULL;

-- ---- personal-data tags
COMMENT ON TABLE care_provider IS 'pii:none 养老服务机构（登记的组织、服务区域、核查容差），不是个人';
COMMENT ON TABLE care_service IS 'pii:none 服务项目目录';
COMMENT ON TABLE care_staff IS 'pii:general 机构人员（护理员、调度员账号）与所属机构';
COMMENT ON TABLE care_plan IS 'pii:general 老人的照护计划（服务项目、周期、能力等级）';
COMMENT ON TABLE care_plan_item IS 'pii:general 照护计划的服务项目与时间';
COMMENT ON TABLE care_order IS 'pii:general 服务工单（一次上门服务）：时间、状态、评价；签到签出位置另行加密';
COMMENT ON TABLE care_visit_step IS 'pii:general 护理员手机提交的服务步骤（签到、签出、评价）；位置另行加密';
COMMENT ON TABLE care_photo IS 'pii:general 服务照片的归属、阶段与哈希（照片内容在照片库）；拍摄位置另行加密';
COMMENT ON TABLE care_exception IS 'pii:general 核查异常及其处理（距离、时长等数字，不含位置）';
COMMENT ON TABLE care_stats_daily IS 'pii:none 按日、区划、机构汇总的服务数字';
COMMENT ON TABLE care_stats_exception IS 'pii:none 按日、区划、机构、类型汇总的异常数字';

COMMENT ON COLUMN care_order.check_in_fix_enc IS 'pii:location 护理员签到定位（纬度、经度、精度），AES-256-GCM 密文';
COMMENT ON COLUMN care_order.check_out_fix_enc IS 'pii:location 护理员签出定位（纬度、经度、精度），AES-256-GCM 密文';
COMMENT ON COLUMN care_photo.fix_enc IS 'pii:location 服务照片拍摄定位（纬度、经度），AES-256-GCM 密文';
COMMENT ON COLUMN care_visit_step.fix_enc IS 'pii:location 服务步骤提交时的手机定位（纬度、经度、精度），AES-256-GCM 密文';
COMMENT ON COLUMN care_plan.needs_enc IS 'pii:health 照护需求（助餐、康复、就医、失智照护等，涉及健康状况），AES-256-GCM 密文';
COMMENT ON COLUMN care_visit_step.payload IS 'pii:general 评价步骤的评分与确认人；不含位置（约束保证）';
COMMENT ON COLUMN care_exception.detail IS 'pii:general 异常的核查数字（距离米数、容差、时长、相关工单），不含位置';
COMMENT ON COLUMN care_provider.tolerance_m IS 'pii:none 机构的签到距离容差（米），不是位置';
