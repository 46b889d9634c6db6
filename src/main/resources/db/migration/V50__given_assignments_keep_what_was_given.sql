-- A given assignment keeps the title and type it was given with: they were read from the library,
-- so a coach who edited an assignment after giving it (coach cards made a reflection, a new title)
-- changed it in every trajectory it had been given in, how it is answered included.
alter table given_assignment add column title varchar(200);
alter table given_assignment add column type varchar(30);
update given_assignment set
    title = (select a.title from assignment a where a.id = given_assignment.assignment_id),
    type = (select a.type from assignment a where a.id = given_assignment.assignment_id);
alter table given_assignment alter column title set not null;
alter table given_assignment alter column type set not null;
