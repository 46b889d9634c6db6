-- The coach's own words with a pause, a stop or a completion ("helps his mother move house") are
-- sealed at rest as the letters are (decision 0009). Rows from before read as plain text until
-- `encryption rotate` seals them.
alter table trajectory_transition add column reason_key_id varchar(64);
alter table trajectory_transition alter column reason set data type varchar(8100);

-- So are the question of an application (the person's own words about their work) and a coach's words
-- declining a proposal.
alter table intake add column question_key_id varchar(64);
alter table intake alter column question set data type varchar(32100);
alter table coach_proposal add column decline_reason_key_id varchar(64);
alter table coach_proposal alter column decline_reason set data type varchar(8100);
