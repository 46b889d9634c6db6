-- The retention period the intake form named at the consent box, kept when the form is filled (decision 0134): with
-- the programme's link the trajectory is made only when the confirmation link is clicked, up to a week later, and a
-- period lowered in between was the one the trajectory kept. Applications filled before this column have none: their
-- trajectory gets the programme's period when it is made, as before.
alter table intake add column retention_months integer;
