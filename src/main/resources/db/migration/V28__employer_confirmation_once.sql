-- A confirmation goes to the employer once per trajectory and kind, also when the event that asks for
-- it is delivered again: events not marked complete are published anew when a node starts
-- (spring.modulith.republish-outstanding-events-on-restart), by every node that starts, and one
-- in flight on another node counts as outstanding. The row is the key, as for reminders (decision 0006).
create table employer_confirmation (
    trajectory_id uuid not null references trajectory (id) on delete cascade,
    kind varchar(20) not null,
    confirmed_at timestamp with time zone not null,
    primary key (trajectory_id, kind)
);
