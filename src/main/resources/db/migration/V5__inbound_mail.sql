-- Every inbound mail, stored raw before anything else looks at it. dedup_key is the Message-ID,
-- or the SHA-256 of the raw mail when it has none, so a redelivered mail is stored once.
create table inbound_mail (
    id               uuid primary key,
    dedup_key        varchar(1000) not null,
    message_id       varchar(998),
    content_hash     varchar(64) not null,
    raw_mail         bytea not null,
    size_bytes       integer not null,
    source           varchar(10) not null,
    envelope_from    varchar(320),
    envelope_to      varchar(4000),
    received_at      timestamp with time zone not null,
    status           varchar(20) not null,
    kind             varchar(20),
    outcome          varchar(1000),
    attempts         integer not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(2000),
    processed_at     timestamp with time zone,
    constraint inbound_mail_dedup unique (dedup_key),
    constraint inbound_mail_status check (status in ('RECEIVED', 'PROCESSED', 'FAILED')),
    constraint inbound_mail_source check (source in ('IMAP', 'SMTP'))
);
create index inbound_mail_due on inbound_mail (status, next_attempt_at);
