-- The reminder mails a new evaluation link (only hashes are kept, so the first link cannot be mailed
-- again). The first link stays valid beside it: someone who opened the first mail and answers after
-- the reminder went lost everything they filled in.
alter table evaluation_request add column first_token_hash varchar(64);
create unique index evaluation_request_by_first_token on evaluation_request (first_token_hash);
