-- The statistics read who wrote when in a programme's trajectories (response times, contact moments
-- kept). With only (trajectory_id, created_at) indexed PostgreSQL read the whole message table,
-- bodies included, for every programme's first view of a period; with the kind and the author in the
-- index it answers from the index alone. The wider index serves every use of the old one.
create index message_by_trajectory_written on message (trajectory_id, created_at, kind, author_role);
drop index message_by_trajectory;
