-- The end of a trajectory: the coach's closing summary with the participant's reaction, and the
-- evaluation. An evaluation answer carries no trajectory or person: the request knows who was
-- asked, the answer only the programme, the theme and the month.
create table closing (
    trajectory_id  uuid primary key references trajectory (id) on delete cascade,
    summary        varchar(20000) not null,
    written_at     timestamp with time zone not null,
    reaction       varchar(8000),
    reacted_at     timestamp with time zone
);

create table evaluation_request (
    trajectory_id     uuid primary key references trajectory (id) on delete cascade,
    token_hash        varchar(64),
    requested_at      timestamp with time zone not null,
    reminded_at       timestamp with time zone,
    answered_at       timestamp with time zone
);
create unique index evaluation_request_by_token on evaluation_request (token_hash);

create table evaluation_answer (
    id                uuid primary key,
    programme_id      uuid not null references programme (id),
    theme             varchar(60),
    answered_month    date not null,
    satisfaction      integer not null,
    answered_before   integer not null,
    answered_after    integer not null,
    recommend         boolean not null,
    helped_most       varchar(40) not null,
    remarks           varchar(4000),
    constraint evaluation_scores check (satisfaction between 1 and 10 and answered_before between 1 and 10
        and answered_after between 1 and 10)
);
create index evaluation_answer_by_programme on evaluation_answer (programme_id, answered_month);
