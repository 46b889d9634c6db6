-- Conversations: the messages of a trajectory, their files, the reply tokens that thread mail,
-- and the mail that could not be threaded (quarantine).

-- One token per trajectory and participant; it is the TOKEN of reply+TOKEN@domain.
create table reply_token (
    token               varchar(64) primary key,
    trajectory_id       uuid not null references trajectory (id),
    participant_id      uuid not null references account (id),
    created_at          timestamp with time zone not null,
    mail_failing_since  timestamp with time zone,
    mail_failure        varchar(1000),
    constraint reply_token_per_trajectory unique (trajectory_id, participant_id)
);

create table message (
    id                uuid primary key,
    trajectory_id     uuid not null references trajectory (id),
    author_id         uuid references account (id),
    author_role       varchar(20) not null,
    kind              varchar(20) not null,
    body              varchar(1000000) not null,
    channel           varchar(10) not null,
    inbound_mail_id   uuid references inbound_mail (id),
    mail_message_id   varchar(998),
    created_at        timestamp with time zone not null,
    constraint message_author_role check (author_role in ('COACH', 'PARTICIPANT', 'SYSTEM')),
    constraint message_kind check (kind in ('MESSAGE', 'AUTO_REPLY_NOTE', 'BOUNCE_NOTE')),
    constraint message_channel check (channel in ('WEB', 'MAIL')),
    constraint message_once_per_inbound_mail unique (inbound_mail_id)
);
create index message_by_trajectory on message (trajectory_id, created_at);
create index message_by_mail_message_id on message (mail_message_id);

create table message_attachment (
    id             uuid primary key,
    message_id     uuid not null references message (id) on delete cascade,
    file_name      varchar(255) not null,
    content_type   varchar(255) not null,
    size_bytes     bigint not null,
    content        bytea,
    refusal        varchar(200)
);
create index message_attachment_by_message on message_attachment (message_id);

create table quarantined_mail (
    inbound_mail_id  uuid primary key references inbound_mail (id),
    reason           varchar(1000) not null,
    trajectory_id    uuid references trajectory (id),
    quarantined_at   timestamp with time zone not null,
    resolved_at      timestamp with time zone,
    resolution       varchar(20),
    resolved_by      uuid references account (id),
    constraint quarantined_mail_resolution check (resolution is null or resolution in ('ATTACHED', 'DISCARDED'))
);
create index quarantined_mail_open on quarantined_mail (resolved_at, trajectory_id);
