-- An account found by its address at a first sign-in through the organisation's provider (or one bound at
-- an earlier issuer or registration) is bound to the provider's subject only when its owner confirms a link
-- mailed to the account's address (decision 0095): whoever runs the provider can make a user with any
-- address, a participant's too. The link keeps what it would bind; only the SHA-256 of its token is kept.
create table single_sign_on_link (
    token_hash       varchar(64) primary key,
    account_id       uuid not null references account (id) on delete cascade,
    organisation_id  uuid not null references organisation (id) on delete cascade,
    external_subject varchar(2000) not null,
    provider         varchar(2000) not null,
    created_at       timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    used_at          timestamp with time zone
);
create index single_sign_on_link_by_account on single_sign_on_link (account_id, created_at);
