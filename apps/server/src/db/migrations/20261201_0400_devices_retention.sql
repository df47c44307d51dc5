-- Retention of location tracks and kiosk readings (SECURITY.md: every category has a retention
-- period; a purge job deletes past it). The purge finds old rows by time: BRIN indexes, a few
-- pages each, since rows arrive in time order.
CREATE INDEX device_position_fixed_brin ON device_position USING brin (fixed_at);
CREATE INDEX health_reading_measured_brin ON health_reading USING brin (measured_at);
