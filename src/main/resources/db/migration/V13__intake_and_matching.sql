-- Intake and matching: each programme's themes and coach pool, the coach's profile (capacity,
-- certification, specialisms, welcome template, digest), intakes from a link, an invitation or a
-- mail, and the proposals a coach accepts or declines.

-- Themes belong to a programme: the seven of the pilot by default, a programme may add its own
-- and switch any off. A trajectory keeps the code of the theme it was started with.
create table programme_theme (
    programme_id  uuid not null references programme (id) on delete cascade,
    code          varchar(60) not null,
    label_nl      varchar(200) not null,
    label_en      varchar(200) not null,
    position      integer not null,
    active        boolean not null default true,
    primary key (programme_id, code)
);
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'NEXT_STEP', 'Een volgende stap die past bij mijn kwaliteiten', 'A next step that fits my qualities', 1, true from programme;
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'RETRAINING', 'Omscholen naar een ander vakgebied', 'Retraining towards another field', 2, true from programme;
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'GROWTH', 'Me blijven ontwikkelen en de uitdaging houden', 'Growing and keeping the challenge', 3, true from programme;
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'GRIP', 'Meer grip op mijn huidige functie', 'More grip on my current role', 4, true from programme;
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'SURPLUS', 'Boventallig of ontslag', 'Surplus staff or dismissal', 5, true from programme;
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'MOVE_WITHIN', 'Doorstromen binnen de organisatie', 'Moving within the organisation', 6, true from programme;
insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
    select id, 'NOT_SURE', 'Ik weet nog niet of ik met mijn loopbaan aan de slag wil', 'Not sure yet whether to work on my career at all', 7, true from programme;

-- A programme's public link can be switched off; invitations keep working.
alter table programme add column public_intake boolean not null default true;

-- The coaches a programme may match participants to.
create table programme_coach (
    programme_id  uuid not null references programme (id) on delete cascade,
    coach_id      uuid not null references account (id) on delete cascade,
    primary key (programme_id, coach_id)
);
insert into programme_coach (programme_id, coach_id)
    select p.id, a.id from programme p
    join account a on a.organisation_id = p.organisation_id
    join account_role r on r.account_id = a.id and r.role = 'COACH';

-- What matching needs to know of a coach, and what the coach keeps for themselves. A coach
-- without a row has the defaults.
create table coach_profile (
    account_id        uuid primary key references account (id) on delete cascade,
    capacity          integer not null default 15,
    certified         boolean not null default false,
    certification     varchar(200),
    specialisms       varchar(1000) not null default '',
    welcome_template  varchar(8000),
    daily_digest      boolean not null default true,
    constraint coach_profile_capacity check (capacity between 0 and 40)
);

create table intake (
    id                      uuid primary key,
    programme_id            uuid not null references programme (id),
    email                   varchar(320) not null,
    display_name            varchar(200),
    language                varchar(5) not null default 'nl',
    source                  varchar(20) not null,
    status                  varchar(30) not null,
    -- Only a hash of the link's token is kept, as with password resets.
    token_hash              varchar(64),
    token_expires_at        timestamp with time zone,
    question                varchar(8000),
    theme                   varchar(60),
    writes_comfortably      varchar(10),
    motivated               varchar(10),
    has_time                varchar(10),
    expectations_agreed_at  timestamp with time zone,
    consent_at              timestamp with time zone,
    invited_by              uuid references account (id),
    trajectory_id           uuid references trajectory (id),
    created_at              timestamp with time zone not null,
    submitted_at            timestamp with time zone,
    constraint intake_source check (source in ('LINK', 'INVITATION', 'MAIL')),
    constraint intake_status check (status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION', 'SUBMITTED', 'WITHDRAWN'))
);
create index intake_by_programme on intake (programme_id, status);
create unique index intake_by_token on intake (token_hash);
create index intake_by_trajectory on intake (trajectory_id);

-- A coach proposed for a trajectory, and their answer. Declines stay, so the manager sees why.
create table coach_proposal (
    id              uuid primary key,
    trajectory_id   uuid not null references trajectory (id) on delete cascade,
    coach_id        uuid not null references account (id),
    proposed_by     uuid references account (id),
    proposed_at     timestamp with time zone not null,
    start_on        date not null,
    answered_at     timestamp with time zone,
    accepted        boolean,
    decline_reason  varchar(2000)
);
create index coach_proposal_by_trajectory on coach_proposal (trajectory_id, proposed_at);
create index coach_proposal_open_by_coach on coach_proposal (coach_id, answered_at);

-- The participant's own goals, next to the question they started with.
alter table trajectory add column goals varchar(4000);

-- The daily digest goes once a day per coach, whichever node gets there first.
create table coach_digest (
    coach_id  uuid not null references account (id) on delete cascade,
    digest_day  date not null,
    sent_at   timestamp with time zone not null,
    primary key (coach_id, digest_day)
);
