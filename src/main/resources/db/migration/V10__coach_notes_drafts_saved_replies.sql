-- The coach's own material: private notes per trajectory, the draft being written, and saved replies.
-- All of it is visible to that coach only.
create table coach_note (
    id             uuid primary key,
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    coach_id       uuid not null references account (id),
    body           varchar(20000) not null,
    created_at     timestamp with time zone not null
);
create index coach_note_by_trajectory on coach_note (trajectory_id, coach_id, created_at);

create table draft (
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    coach_id       uuid not null references account (id),
    body           varchar(100000) not null,
    updated_at     timestamp with time zone not null,
    primary key (trajectory_id, coach_id)
);

create table saved_reply (
    id          uuid primary key,
    coach_id    uuid not null references account (id),
    title       varchar(200) not null,
    body        varchar(20000) not null,
    created_at  timestamp with time zone not null
);
create index saved_reply_by_coach on saved_reply (coach_id, title);
