-- Who a participant turns to about their data (GDPR article 13): the organisation offering the programme is the
-- controller. Its name as it wants it in the privacy statement (empty: the organisation's name), where to ask
-- about privacy (an address, a web page or both), its data protection officer's address and a link to its own
-- privacy statement. No row, or an empty column: the public statement says to ask the organisation, never shows
-- an empty field. Goes with its organisation. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
create table organisation_privacy (
    organisation_id  uuid primary key references organisation (id) on delete cascade,
    controller_name  varchar(200),
    contact_email    varchar(254),
    contact_url      varchar(500),
    dpo_email        varchar(254),
    statement_url    varchar(500),
    changed_at       timestamp with time zone not null
);
