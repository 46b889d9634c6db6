-- A trajectory can go over to another coach while it runs (the coach falls ill, leaves, or another
-- coach fits better). The change is kept in the trajectory's history like any change of course,
-- with the coach it went to, so the record says from when whom wrote.
alter table trajectory_transition add column to_coach_id uuid references account (id);
