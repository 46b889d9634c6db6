-- Each extension keeps the last contact moment its mail to the participant named (the subject: extended until that
-- day), written when it is made. The record worked it out from the plan as stored, which an early resume had changed:
-- the resume shortens the stored pause, so for an extension made during a pause that the coach ended early, the day the
-- pause mail named, and with it the day the extension's mail named, was kept nowhere and the record named none.
-- Null for an extension made before this column (and for any other change): the record still works those out from the
-- plan as stored where it can (Reports, Extensions#lastMomentsTold), which needs the working-day calendar and so is
-- not done here; the ones a coach's early resume shortened stay without a day, as before.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
alter table trajectory_transition add column last_moment_told date;
