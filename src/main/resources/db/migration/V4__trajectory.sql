-- The trajectory's lifecycle as far as the foundation needs it: who, which programme, which
-- stage and when. Intake answers, the contact-moment plan and messages arrive with their own
-- migrations.
create table trajectory (
    id               uuid primary key,
    programme_id     uuid not null references programme (id),
    participant_id   uuid not null references account (id),
    coach_id         uuid references account (id),
    status           varchar(20) not null,
    theme            varchar(60),
    created_at       timestamp with time zone not null,
    started_on       date,
    ended_on         date,
    constraint trajectory_status check (status in ('INTAKE', 'MATCHING', 'RUNNING', 'PAUSED', 'COMPLETED', 'STOPPED'))
);
create index trajectory_by_coach on trajectory (coach_id, status);
create index trajectory_by_participant on trajectory (participant_id);
create index trajectory_by_programme on trajectory (programme_id, status);
