-- The employer contact a participant agreed to tell of their start and completion: the intake form
-- names that address. Only the consent was kept, and the mail went to whatever address the programme
-- had when it was sent: a manager who changed it sent every earlier participant's name elsewhere.
-- Consents given before this change are taken as given to the address the programme has now, the only
-- one known.
alter table intake add column employer_contact varchar(320);
alter table trajectory add column employer_contact varchar(320);
update intake set employer_contact = (select p.employer_contact from programme p where p.id = intake.programme_id)
where employer_may_confirm = true;
update trajectory set employer_contact = (select p.employer_contact from programme p where p.id = trajectory.programme_id)
where employer_may_confirm = true;
