-- When the account's password last changed (a change on the account page or a reset). A session keeps the moment
-- its sign-in read, and ends when the row says a later one (decision 0119): a sign-in with the old password that
-- was under way at the change wrote its session after the change ended the others. Null for a password not changed
-- since: no backfill, every session then was signed in with the password the row still holds.
alter table account add column password_changed_at timestamp with time zone;
