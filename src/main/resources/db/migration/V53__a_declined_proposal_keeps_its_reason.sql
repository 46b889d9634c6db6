-- The reason a coach chose when declining a proposal (a code such as COACH_KNOWS_PARTICIPANT): only the
-- optional explanation was kept with the proposal, so a manager saw no reason and could propose the same
-- coach again. Holds no words of anyone's, so erasure leaves it.
alter table coach_proposal add column decline_code varchar(40);
