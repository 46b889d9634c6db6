-- Writing help: the figures of each message a coach sent, for that coach's own trends (no text),
-- and a programme's own jargon list.
create table writing_sample (
    id           uuid primary key,
    coach_id     uuid not null references account (id),
    message_id   uuid not null,
    written_at   timestamp with time zone not null,
    language     varchar(5) not null,
    words        integer not null,
    readability  double precision not null,
    questions    integer not null,
    findings     integer not null
);
create index writing_sample_by_coach on writing_sample (coach_id, written_at);

alter table programme add column jargon varchar(4000);
