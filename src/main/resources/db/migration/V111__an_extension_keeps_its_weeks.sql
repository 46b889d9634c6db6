-- Each extension keeps the weeks it added: the trajectory kept only their sum (extra_weeks), so its record could name
-- the weeks of an extension only when there was one, and the participant's export named none. An extension is a
-- change that leaves a running or paused trajectory as it stood, other than a handover (Trajectories.Change#extension).
-- A trajectory extended once before this column gets its sum as that extension's weeks; one extended more often
-- keeps none for those extensions, as their own weeks were never stored, and its record says so with their sum.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
alter table trajectory_transition add column weeks integer;
alter table trajectory_transition add constraint trajectory_transition_weeks check (weeks is null or weeks > 0);
update trajectory_transition set weeks = (select t.extra_weeks from trajectory t where t.id = trajectory_transition.trajectory_id)
    where from_status = to_status and from_status in ('RUNNING', 'PAUSED') and to_coach_id is null
      and (select t.extra_weeks from trajectory t where t.id = trajectory_transition.trajectory_id) > 0
      and (select count(*) from trajectory_transition e
           where e.trajectory_id = trajectory_transition.trajectory_id
             and e.from_status = e.to_status and e.from_status in ('RUNNING', 'PAUSED') and e.to_coach_id is null) = 1;
