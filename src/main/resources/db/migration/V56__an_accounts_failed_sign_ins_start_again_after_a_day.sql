-- When an account's last wrong password or code was: a count last raised over a day ago starts again,
-- as the count of an address without an account does (its row is gone after a day). Without it, four
-- wrong passwords in March and one in June locked the account, and "locked" after a day told a guesser
-- which addresses have one.
alter table account add column last_failed_sign_in_at timestamp with time zone;
