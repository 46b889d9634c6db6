-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL). Keep to the common subset:
-- uuid, varchar, integer, boolean, timestamp with time zone.

create table organisation (
    id          uuid primary key,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table programme (
    id                       uuid primary key,
    organisation_id          uuid not null references organisation (id),
    name                     varchar(200) not null,
    weeks                    integer not null default 6,
    moments_per_week         integer not null default 2,
    reply_within_days        integer not null default 2,
    retention_months         integer not null default 24,
    mail_mode                varchar(20) not null default 'FULL_TEXT',
    intake_address           varchar(320),
    created_at               timestamp with time zone not null,
    constraint programme_weeks_range check (weeks between 4 and 12),
    constraint programme_moments_range check (moments_per_week between 1 and 3),
    constraint programme_mail_mode check (mail_mode in ('FULL_TEXT', 'NOTIFICATION'))
);
create index programme_by_organisation on programme (organisation_id);

create table account (
    id                  uuid primary key,
    organisation_id     uuid references organisation (id),
    email               varchar(320) not null,
    display_name        varchar(200) not null,
    password_hash       varchar(255),
    preferred_language  varchar(5) not null default 'nl',
    enabled             boolean not null default true,
    created_at          timestamp with time zone not null,
    constraint account_email_unique unique (email),
    constraint account_language check (preferred_language in ('nl', 'en'))
);

create table account_role (
    account_id  uuid not null references account (id) on delete cascade,
    role        varchar(30) not null,
    primary key (account_id, role),
    constraint account_role_known check (role in ('PARTICIPANT', 'COACH', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'))
);

-- Only a hash of the reset token is kept: a leaked table gives no working links.
create table password_reset (
    token_hash  varchar(64) primary key,
    account_id  uuid not null references account (id) on delete cascade,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index password_reset_by_account on password_reset (account_id);
