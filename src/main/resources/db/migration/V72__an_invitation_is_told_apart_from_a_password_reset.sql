-- A staff account's first-password link is an invitation; a reset shares its table and its link. Told apart,
-- so that inviting the address again can say that an invitation is open, and send it again on request
-- (docs/decisions/0058). Links already out: an invitation is valid a week, a reset an hour.
alter table password_reset add column invitation boolean not null default false;
update password_reset set invitation = true where expires_at > created_at + interval '1' day;
