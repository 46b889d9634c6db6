-- A participant who withdraws a confirmed address (decision 0102) had the withdrawal written over answered_at, the
-- moment they confirmed it: their export then gave the withdrawal as the confirmation. It has a column of its own
-- now (decision 0110), and answered_at keeps the answer. Rows withdrawn before this keep their withdrawal moment,
-- moved here; when those were confirmed is no longer known (the audit trail has it, without the address).
alter table accepted_address add column withdrawn_at timestamp with time zone;
update accepted_address set withdrawn_at = answered_at, answered_at = null where state = 'WITHDRAWN';
