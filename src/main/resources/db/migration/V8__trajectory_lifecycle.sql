-- The trajectory's lifecycle: extensions, pauses and every transition with its reason.
alter table trajectory add column extra_weeks integer not null default 0;

create table trajectory_pause (
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    from_date      date not null,
    until_date     date not null,
    primary key (trajectory_id, from_date)
);

create table trajectory_transition (
    id             uuid primary key,
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    at             timestamp with time zone not null,
    from_status    varchar(20) not null,
    to_status      varchar(20) not null,
    reason_code    varchar(40) not null,
    reason         varchar(2000),
    by_account     uuid references account (id)
);
create index trajectory_transition_by_trajectory on trajectory_transition (trajectory_id, at);
