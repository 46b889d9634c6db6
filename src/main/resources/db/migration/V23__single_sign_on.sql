-- Single sign-on per organisation with its own OpenID Connect provider (issue #6). A first sign-in
-- creates an account without any role; an administrator grants one.
create table single_sign_on (
    organisation_id                  uuid primary key references organisation (id),
    label                            varchar(200) not null,
    issuer                           varchar(1000) not null,
    client_id                        varchar(500) not null,
    client_secret                    varchar(1000) not null,
    provider_asks_second_factor      boolean not null default false,
    enabled                          boolean not null default true,
    changed_at                       timestamp with time zone not null
);
