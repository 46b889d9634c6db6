-- The transactional outbox: a row is written in the same transaction as whatever caused the
-- mail; workers on any node claim due rows with FOR UPDATE SKIP LOCKED and send them.
create table outbound_mail (
    id                uuid primary key,
    message_id        varchar(255) not null,
    recipient         varchar(320) not null,
    subject           varchar(998) not null,
    text_body         varchar(1000000) not null,
    html_body         varchar(1000000),
    reply_to          varchar(320),
    in_reply_to       varchar(255),
    mail_references   varchar(4000),
    auto_submitted    boolean not null default false,
    status            varchar(20) not null,
    attempts          integer not null default 0,
    next_attempt_at   timestamp with time zone not null,
    last_error        varchar(2000),
    created_at        timestamp with time zone not null,
    sent_at           timestamp with time zone,
    constraint outbound_mail_message_id_unique unique (message_id),
    constraint outbound_mail_status check (status in ('PENDING', 'SENT', 'FAILED'))
);
create index outbound_mail_due on outbound_mail (status, next_attempt_at);

-- Every attempt, successful or not, so a coach can be told why a message is late.
create table outbound_mail_attempt (
    outbound_mail_id  uuid not null references outbound_mail (id) on delete cascade,
    attempt           integer not null,
    attempted_at      timestamp with time zone not null,
    succeeded         boolean not null,
    error             varchar(2000),
    primary key (outbound_mail_id, attempt)
);
