-- Strong login (issue #6): an authenticator app (TOTP, RFC 6238) with one-time recovery codes,
-- sign-in links for participants, and a lockout after repeated wrong passwords or codes.
alter table account add column totp_secret varchar(64);
alter table account add column totp_confirmed_at timestamp with time zone;
-- The last time step a code was accepted for: a code seen once is never accepted again.
alter table account add column totp_last_step bigint;
alter table account add column failed_sign_ins integer not null default 0;
alter table account add column locked_until timestamp with time zone;

-- Only hashes: a leaked table gives no working codes or links.
create table recovery_code (
    account_id  uuid not null references account (id) on delete cascade,
    code_hash   varchar(64) not null,
    created_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    primary key (account_id, code_hash)
);

create table sign_in_link (
    token_hash  varchar(64) primary key,
    account_id  uuid not null references account (id) on delete cascade,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index sign_in_link_by_account on sign_in_link (account_id, created_at);
create index password_reset_by_account_created on password_reset (account_id, created_at);
