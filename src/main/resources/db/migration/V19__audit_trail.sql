-- The audit trail (issue #6): who read content, exported or administered what, and when.
-- Routes and identifiers only, never content. No foreign keys: the trail outlives what it mentions.
create table audit_entry (
    id             uuid primary key,
    at             timestamp with time zone not null,
    actor_id       uuid,
    actor_name     varchar(200),
    actor_email    varchar(320),
    actor_roles    varchar(200),
    action         varchar(20) not null,
    route          varchar(300) not null,
    trajectory_id  uuid,
    details        varchar(1000),
    reason         varchar(1000),
    constraint audit_entry_action check (action in ('READ', 'EXPORT', 'ADMINISTRATION'))
);
create index audit_entry_by_time on audit_entry (at);
create index audit_entry_by_trajectory on audit_entry (trajectory_id, at);
create index audit_entry_by_actor on audit_entry (actor_id, at);
