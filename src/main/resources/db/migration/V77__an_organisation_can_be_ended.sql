-- An organisation whose contract ended (decision 0073): its people's data is erased, and the row stays
-- with its name for the anonymous figures of its programmes and for the audit trail. Ended, it is left
-- out of every list. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
alter table organisation add column ended_at timestamp with time zone;
