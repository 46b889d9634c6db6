-- The retention period the intake form named at the consent box, kept when the form is filled (decision 0134): with
-- the programme's link the trajectory is made only when the confirmation link is clicked, up to a week later, and a
-- period lowered in between was the one the trajectory kept. Applications consented to before this column and not yet
-- made a trajectory get the programme's period of now, the nearest known to the one their form named; the others keep
-- none (a trajectory keeps its own, V104; an application not consented to names none yet).
alter table intake add column retention_months integer;
update intake set retention_months = (select p.retention_months from programme p where p.id = intake.programme_id)
    where consent_at is not null and trajectory_id is null;
