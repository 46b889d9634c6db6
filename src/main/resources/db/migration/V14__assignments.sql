-- The assignment library: shared assignments (no owner) curated by administrators and each
-- coach's own; and the assignments given in a trajectory, with the message that answered them.
create table assignment (
    id            uuid primary key,
    owner_id      uuid references account (id) on delete cascade,
    library_key   varchar(80),
    title         varchar(200) not null,
    instructions  varchar(8000) not null,
    type          varchar(30) not null,
    themes        varchar(1000) not null default '',
    minutes       integer not null,
    language      varchar(5) not null,
    archived      boolean not null default false,
    created_at    timestamp with time zone not null,
    constraint assignment_type check (type in ('REFLECTION', 'VIDEO', 'PHOTO', 'COACH_CARDS', 'NAME_MEANING', 'EXTERNAL_MODULE', 'FREE')),
    constraint assignment_minutes check (minutes between 1 and 600),
    constraint assignment_language check (language in ('nl', 'en'))
);
create index assignment_by_owner on assignment (owner_id, archived);

create table given_assignment (
    id                 uuid primary key,
    trajectory_id      uuid not null references trajectory (id) on delete cascade,
    assignment_id      uuid not null references assignment (id),
    message_id         uuid not null,
    given_at           timestamp with time zone not null,
    answer_message_id  uuid,
    answered_at        timestamp with time zone
);
create index given_assignment_by_trajectory on given_assignment (trajectory_id, given_at);
