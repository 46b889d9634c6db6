-- A trajectory keeps the rhythm it started with: changing the programme's settings later applies
-- to new trajectories only.
alter table trajectory add column weeks integer;
alter table trajectory add column moments_per_week integer;
update trajectory set
    weeks = (select p.weeks from programme p where p.id = trajectory.programme_id),
    moments_per_week = (select p.moments_per_week from programme p where p.id = trajectory.programme_id);
