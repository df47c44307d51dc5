-- The plaintext health columns of the elder module go (20261202_0401 sealed them). What stays in
-- clear is what the statistics, the subsidies and the lists compute on: the living situation,
-- the subsidies, the ability level and an assessment's total and levels. No list, filter or
-- statistic queries conditions or diagnosis codes (the dementia / psychiatric raise reads them
-- in Node when scoring), so they keep no lookup hash. A risk event's kind keeps a keyed hash: the
-- proposal rule and the risk-event raise count events by kind in SQL.
ALTER TABLE elder_archive DROP COLUMN chronic_conditions, DROP COLUMN diagnosis_codes, DROP COLUMN medications, DROP COLUMN allergies, DROP COLUMN notes;
ALTER TABLE elder_assessment DROP COLUMN answers, DROP COLUMN flags, DROP COLUMN subtotals, DROP COLUMN adjustments, DROP COLUMN risk_events_30d, DROP COLUMN notes;
ALTER TABLE elder_assessment ALTER COLUMN health_enc SET NOT NULL;
ALTER TABLE elder_risk_event DROP COLUMN kind, DROP COLUMN note;
ALTER TABLE elder_risk_event ALTER COLUMN kind_enc SET NOT NULL, ALTER COLUMN kind_hash SET NOT NULL;
-- ciphertext only (the cipher's versioned format), never a plaintext value written by mistake
ALTER TABLE elder_archive ADD CHECK (health_enc ~ '^v[0-9]+:');
ALTER TABLE elder_assessment ADD CHECK (health_enc ~ '^v[0-9]+:');
ALTER TABLE elder_risk_event ADD CHECK (kind_enc ~ '^v[0-9]+:' AND note_enc ~ '^v[0-9]+:');

-- Personal-data tags (SECURITY.md): the category of a table's untagged columns, and the columns
-- that carry their own.
COMMENT ON TABLE elder_archive IS 'pii:general 老人档案（社会信息、当前能力等级）；健康档案加密见 health_enc';
COMMENT ON COLUMN elder_archive.health_enc IS 'pii:health 健康档案（慢性病、ICD-10 诊断、用药、过敏、备注），AES-256-GCM 加密；为空表示未录入健康信息（批量导入的档案），应用写入时总是加密保存';
COMMENT ON COLUMN elder_archive.current_level IS 'pii:general 能力等级：补贴与统计使用的服务分级（评估结论，非诊断），统计与筛选需明文';
COMMENT ON COLUMN elder_archive.living_situation IS 'pii:general 居住情况（独居等），统计与筛选需明文';
COMMENT ON COLUMN elder_archive.subsidies IS 'pii:general 享受补贴种类';

COMMENT ON TABLE elder_contact IS 'pii:general 老人联系人与监护人';
COMMENT ON COLUMN elder_contact.phone_enc IS 'pii:general 联系电话，AES-256-GCM 加密';
COMMENT ON COLUMN elder_contact.phone_hash IS 'pii:general 联系电话的带密钥哈希（精确查找）';
COMMENT ON COLUMN elder_contact.phone_masked IS 'pii:general 联系电话脱敏显示（138****5678）';

COMMENT ON TABLE elder_assessment IS 'pii:general 老年人能力评估（量表版本、原因、签字）；作答与备注加密见 health_enc';
COMMENT ON COLUMN elder_assessment.health_enc IS 'pii:health 评估作答、疾病与昏迷情况、分项得分、等级上调及其原因、近30天风险事件数、备注，AES-256-GCM 加密';
COMMENT ON COLUMN elder_assessment.total IS 'pii:general 评估总分：补贴与统计使用的服务分级依据，明文保存';
COMMENT ON COLUMN elder_assessment.preliminary_level IS 'pii:general 初步等级：补贴与统计使用的服务分级，明文保存';
COMMENT ON COLUMN elder_assessment.final_level IS 'pii:general 最终能力等级：补贴与统计使用的服务分级，明文保存';

COMMENT ON TABLE elder_risk_event IS 'pii:general 照护风险事件（发生时间、来源）；类型与说明加密';
COMMENT ON COLUMN elder_risk_event.kind_enc IS 'pii:health 事件类型（跌倒、噎食、自杀、自伤、走失），AES-256-GCM 加密';
COMMENT ON COLUMN elder_risk_event.kind_hash IS 'pii:health 事件类型的带密钥哈希：即时评估建议与等级上调按类型计数';
COMMENT ON COLUMN elder_risk_event.note_enc IS 'pii:health 事件说明，AES-256-GCM 加密';

COMMENT ON TABLE elder_proposal IS 'pii:general 即时评估建议（工作流程记录，不含事件类型与健康内容）';
COMMENT ON TABLE elder_stats_member IS 'pii:general 统计口径：每位老人计入的辖区、等级、年龄段、居住情况';
COMMENT ON TABLE elder_stats_dirty IS 'pii:general 待重算统计的老人（事务内队列）';
COMMENT ON TABLE elder_stats IS 'pii:none 按辖区汇总的老人人数（不含个人）';
COMMENT ON TABLE elder_stats_aging IS 'pii:none 年龄段统计的更新日期';
COMMENT ON TABLE elder_scale IS 'pii:none 评估量表定义';
COMMENT ON TABLE elder_setting IS 'pii:none 养老评估设置';
COMMENT ON COLUMN elder_proposal.kind IS 'pii:general 建议种类（即时评估），不是风险事件类型';
