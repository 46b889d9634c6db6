-- A trajectory keeps the retention period that applied when it began, the one its participant was told when they
-- applied (decision 0134): a programme manager lowering the programme's period erased older ended trajectories at
-- the next retention run. Rows from before get their programme's period of now, the only one known.
alter table trajectory add column retention_months integer;
update trajectory set retention_months = (select p.retention_months from programme p where p.id = trajectory.programme_id);
alter table trajectory alter column retention_months set not null;
