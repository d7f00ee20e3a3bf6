-- A provider's own attendance (their pages, staff's provider summaries, and the incentive rules
-- to come) is read by provider; the table's key leads with the date for the imports' sake.
CREATE INDEX attendance_provider ON attendance (provider_number, attended_on);
