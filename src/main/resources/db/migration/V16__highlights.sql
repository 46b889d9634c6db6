-- Key moments: a passage of a message that the coach or the participant marks, gathered in the record.
create table highlight (
    id             uuid primary key,
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    message_id     uuid not null,
    passage        varchar(4000) not null,
    marked_by      uuid not null references account (id),
    marked_at      timestamp with time zone not null
);
create index highlight_by_trajectory on highlight (trajectory_id, marked_at);
