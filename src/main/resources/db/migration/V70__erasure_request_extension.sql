-- An open erasure request's month to answer extended once, by at most two further months (AVG article
-- 12(3)): the new day, why (the participant reads it in their mail), who extended it and when.
alter table erasure_request add column extended_until date;
alter table erasure_request add column extension_reason varchar(2000);
alter table erasure_request add column extended_by uuid references account (id);
alter table erasure_request add column extended_at timestamp with time zone;
