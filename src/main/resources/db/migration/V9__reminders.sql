-- One reminder per contact moment at most: the key makes a second one impossible, also when two
-- nodes run the reminder job at the same time or a node catches up after downtime.
create table reminder (
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    moment         integer not null,
    sent_at        timestamp with time zone not null,
    primary key (trajectory_id, moment)
);
