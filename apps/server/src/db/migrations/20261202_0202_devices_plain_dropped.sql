-- Step 3 of 3 of sealing the devices module: the plaintext positions, fixes and readings go (the
-- step before moved every value into its `…_enc` column), and every table and column of the
-- module says which kind of personal data it holds (`pii:<category> <说明>`, read by the
-- personal-data inventory check). Range checks on coordinates now live in ingestion (Node),
-- where the values are still plaintext. Nothing else in the schema read these columns.
ALTER TABLE device_position DROP COLUMN lat, DROP COLUMN lng, DROP COLUMN accuracy, DROP COLUMN altitude, DROP COLUMN speed, DROP COLUMN course;
ALTER TABLE device_position ALTER COLUMN fix_enc SET NOT NULL;
ALTER TABLE device DROP COLUMN last_lat, DROP COLUMN last_lng, DROP COLUMN last_accuracy;
ALTER TABLE device_alert DROP COLUMN lat, DROP COLUMN lng;
ALTER TABLE health_reading DROP COLUMN measures, DROP COLUMN abnormal;
ALTER TABLE health_reading ALTER COLUMN measures_enc SET NOT NULL, ALTER COLUMN abnormal_enc SET NOT NULL;
ALTER TABLE health_threshold DROP COLUMN low, DROP COLUMN high;
ALTER TABLE health_threshold ALTER COLUMN limits_enc SET NOT NULL;

COMMENT ON TABLE device IS 'pii:general 智能设备（定位手表、健康小屋）及其绑定老人、在线与电量状态';
COMMENT ON COLUMN device.last_fix_enc IS 'pii:location 最近一次定位（纬度、经度、精度）密文（AES-256-GCM）';
COMMENT ON COLUMN device.last_fix_at IS 'pii:general 最近一次定位的时间（不含位置）';
COMMENT ON COLUMN device.key_hash IS 'pii:none 健康小屋设备密钥的 SHA-256（设备凭据，非个人信息）';

COMMENT ON TABLE device_position IS 'pii:general 定位记录的时间、来源、卫星数与电量（位置本身另存密文）';
COMMENT ON COLUMN device_position.fix_enc IS 'pii:location 一次定位（纬度、经度、精度、海拔、速度、方向）密文（AES-256-GCM）';

COMMENT ON TABLE device_contact IS 'pii:general 手表告警的家属与紧急联系人';

COMMENT ON TABLE safe_zone IS 'pii:general 老人的安全区域（照护人员划定的固定区域及越界判定状态）';
COMMENT ON COLUMN safe_zone.center_lat IS 'pii:general 安全区域圆心纬度（划定的固定区域，非行踪轨迹；越界判定在应用内存中进行）';
COMMENT ON COLUMN safe_zone.center_lng IS 'pii:general 安全区域圆心经度（划定的固定区域，非行踪轨迹；越界判定在应用内存中进行）';
COMMENT ON COLUMN safe_zone.polygon IS 'pii:general 安全区域多边形顶点（划定的固定区域，非行踪轨迹）';

COMMENT ON TABLE device_alert IS 'pii:general 设备告警（类型、时间、处置与升级状态）';
COMMENT ON COLUMN device_alert.position_enc IS 'pii:location 告警发生时的位置（纬度、经度）密文（AES-256-GCM）';
COMMENT ON COLUMN device_alert.detail IS 'pii:general 告警说明（安全区域名称、越界距离、电量、最后在线时间；不含坐标）';
COMMENT ON TABLE device_alert_step IS 'pii:general 告警升级记录（通知对象姓名）';
COMMENT ON TABLE device_alert_stats IS 'pii:none 各辖区告警汇总数';

COMMENT ON TABLE health_reading IS 'pii:general 健康小屋测量记录（测量项目、时间、单位；数值与结论另存密文）';
COMMENT ON COLUMN health_reading.kind IS 'pii:general 测量项目（血压、血糖、体重、体温、血氧；健康小屋对来访居民普遍测量，不含数值与结论）';
COMMENT ON COLUMN health_reading.measures_enc IS 'pii:health 测量数值密文（AES-256-GCM）';
COMMENT ON COLUMN health_reading.abnormal_enc IS 'pii:health 超出预警值的指标（健康结论）密文（AES-256-GCM）';
COMMENT ON COLUMN health_reading.event_id IS 'pii:general 随访事件编号（事件不含测量数值）';

COMMENT ON TABLE health_threshold IS 'pii:general 个人预警阈值的指标名称';
COMMENT ON COLUMN health_threshold.limits_enc IS 'pii:health 个人预警上下限密文（个人阈值反映健康状况）';
