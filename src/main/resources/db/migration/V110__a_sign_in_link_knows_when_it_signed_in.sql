-- When a sign-in link signed its account in. used_at says when a link stopped working, for any reason: pressed,
-- ended by another link of the account that was pressed, by a password change or reset, or pressed for a disabled
-- account. Only a link that signed someone in gets signed_in_at (the same moment as its used_at): a second press of
-- its button moments later (a double click, or the back button) is answered calmly, while a link that ended any
-- other way stays dead (decision 0008, amended 2026-12-07). Links used before this column keep none: they are dead.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
alter table sign_in_link add column signed_in_at timestamp with time zone;
