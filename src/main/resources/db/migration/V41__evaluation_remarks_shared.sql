-- Remarks given from now on are read by the programme's managers (decision 0029); the form said so
-- when they were written. Remarks given before were asked for without that: they stay unread.
alter table evaluation_answer add column remarks_shared boolean default false not null;
