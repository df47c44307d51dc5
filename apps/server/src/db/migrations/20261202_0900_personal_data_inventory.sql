-- 个人信息清单 — the personal-data inventory (SECURITY.md; PIPL art. 28; GB/T 35273-2020 §3):
-- every table says which kind of personal data its columns hold, and a column that differs, or
-- whose name looks sensitive, says so on its own (`pii:<category> <说明>`). `db/personal-data.ts`
-- reads these comments: an untagged table, an untagged sensitive-looking column, or a sensitive
-- category (identity, biometric, health, location, minor) not stored as ciphertext or a keyed hash
-- fails its check. The modules that seal GPS fixes, readings and health archives tag their own tables.

-- Foundation: accounts, sessions, audit, jurisdiction
COMMENT ON TABLE schema_migration IS 'pii:none 迁移记录';
COMMENT ON TABLE jurisdiction_node IS 'pii:none 行政区划与网格树';
COMMENT ON TABLE role IS 'pii:none 角色与权限';
COMMENT ON TABLE app_user IS 'pii:general 工作人员账号';
COMMENT ON COLUMN app_user.phone IS 'pii:general 工作人员工作电话，用于找回与通知';
COMMENT ON COLUMN app_user.password_hash IS 'pii:general argon2id 口令散列';
COMMENT ON TABLE password_history IS 'pii:general 历史口令散列（防重复使用）';
COMMENT ON TABLE user_role IS 'pii:none 账号与角色';
COMMENT ON TABLE user_jurisdiction IS 'pii:none 账号与辖区';
COMMENT ON TABLE user_session IS 'pii:general 会话（来源地址、浏览器）';
COMMENT ON TABLE audit_log IS 'pii:general 审计日志（操作人、对象编号；不含证件号、电话原文）';
COMMENT ON TABLE change_log IS 'pii:general 变更历史（敏感字段只存密文）';

-- Registry (人房事物单位)
COMMENT ON TABLE person IS 'pii:general 实有人口';
COMMENT ON COLUMN person.citizen_id_enc IS 'pii:identity 公民身份号码密文（AES-256-GCM）';
COMMENT ON COLUMN person.citizen_id_hash IS 'pii:identity 公民身份号码检索散列（HMAC-SHA256）';
COMMENT ON COLUMN person.citizen_id_masked IS 'pii:general 脱敏显示形式（510903********123X），不可还原';
COMMENT ON COLUMN person.phone_enc IS 'pii:general 联系电话密文';
COMMENT ON COLUMN person.phone_hash IS 'pii:general 联系电话检索散列';
COMMENT ON COLUMN person.phone_masked IS 'pii:general 联系电话脱敏形式';
COMMENT ON TABLE person_merge IS 'pii:general 重复人员合并记录';
COMMENT ON TABLE person_house IS 'pii:general 人房关系';
COMMENT ON TABLE person_relation IS 'pii:general 人人关系（亲属）';
COMMENT ON TABLE person_org IS 'pii:general 人与单位关系';
COMMENT ON TABLE household IS 'pii:general 户';
COMMENT ON TABLE household_member IS 'pii:general 户成员';
COMMENT ON TABLE estate IS 'pii:none 小区';
COMMENT ON COLUMN estate.lat IS 'pii:none 小区位置（固定地点，非个人轨迹）';
COMMENT ON COLUMN estate.lon IS 'pii:none 小区位置（固定地点，非个人轨迹）';
COMMENT ON TABLE building IS 'pii:none 楼栋';
COMMENT ON COLUMN building.lat IS 'pii:none 楼栋位置（固定地点，非个人轨迹）';
COMMENT ON COLUMN building.lon IS 'pii:none 楼栋位置（固定地点，非个人轨迹）';
COMMENT ON TABLE building_stats IS 'pii:none 楼栋汇总数';
COMMENT ON TABLE building_stats_aging IS 'pii:none 年龄跨档检查进度';
COMMENT ON TABLE building_stats_dirty IS 'pii:none 待重算楼栋';
COMMENT ON TABLE house IS 'pii:none 房屋';
COMMENT ON TABLE organization IS 'pii:none 单位（法人信息）';
COMMENT ON COLUMN organization.phone IS 'pii:none 单位办公电话';
COMMENT ON TABLE thing IS 'pii:none 物（设施、设备）';
COMMENT ON COLUMN thing.lat IS 'pii:none 设施安装位置（固定地点；随身设备的轨迹另存密文）';
COMMENT ON COLUMN thing.lon IS 'pii:none 设施安装位置（固定地点；随身设备的轨迹另存密文）';
COMMENT ON TABLE work_item IS 'pii:general 事件（网格事件、报修、投诉、告警）';
COMMENT ON COLUMN work_item.lat IS 'pii:general 事件发生地点（一次性地点，非轨迹）';
COMMENT ON COLUMN work_item.lon IS 'pii:general 事件发生地点（一次性地点，非轨迹）';

-- Data collection and quality
COMMENT ON TABLE import_job IS 'pii:general 导入任务';
COMMENT ON TABLE import_row IS 'pii:general 导入暂存行（原始行与证件号、电话只存密文）';
COMMENT ON TABLE survey_visit IS 'pii:general 入户走访';
COMMENT ON TABLE survey_change IS 'pii:general 离线采集的变更';
COMMENT ON TABLE survey_photo IS 'pii:general 走访照片';
COMMENT ON TABLE survey_photo_chunk IS 'pii:general 走访照片分块（已去除位置元数据）';
COMMENT ON TABLE quality_rule IS 'pii:none 数据质量规则';
COMMENT ON TABLE quality_finding IS 'pii:general 数据质量问题（只记问题类型，不记号码）';
COMMENT ON TABLE quality_run IS 'pii:none 质量检查运行';
COMMENT ON TABLE quality_dirty IS 'pii:none 待复查辖区';
COMMENT ON TABLE export_job IS 'pii:general 导出申请与审批';

-- Analysis ledgers: counts per area and attribute, no person
COMMENT ON TABLE analysis_person_fact IS 'pii:none 人口汇总数';
COMMENT ON TABLE analysis_person_delta IS 'pii:none 人口汇总增量';
COMMENT ON TABLE analysis_living_fact IS 'pii:none 迁入迁出汇总数';
COMMENT ON TABLE analysis_living_delta IS 'pii:none 迁入迁出汇总增量';
COMMENT ON TABLE analysis_house_fact IS 'pii:none 房屋汇总数';
COMMENT ON TABLE analysis_house_delta IS 'pii:none 房屋汇总增量';
COMMENT ON TABLE analysis_household_fact IS 'pii:none 户汇总数';
COMMENT ON TABLE analysis_household_delta IS 'pii:none 户汇总增量';
COMMENT ON TABLE analysis_event_fact IS 'pii:none 事件汇总数';
COMMENT ON TABLE analysis_event_delta IS 'pii:none 事件汇总增量';
