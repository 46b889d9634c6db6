-- When the administrators were reminded of a request still open a week before its month ends
-- (docs/decisions/0053): set once, by the node whose update claimed it.
alter table erasure_request add column reminded_at timestamp with time zone;
