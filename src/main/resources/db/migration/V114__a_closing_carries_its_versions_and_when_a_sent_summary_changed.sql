-- The summary and the reaction each get a new revision at every save, and their forms carry the one they were shown
-- with: a save from a tab opened before another tab's save is refused, not written over it (decision 0146). Rows
-- already there have none, which a form shows as empty: the first save gives one, and a second tab is refused then.
-- A sent summary changed keeps when (the participant is mailed about it): the record says it was changed. A reply to
-- the newest mail about a change is a reaction too, as one to the first mail still is (decision 0136).
alter table closing add column summary_revision uuid;
alter table closing add column reaction_revision uuid;
alter table closing add column summary_changed_at timestamp with time zone;
alter table closing add column changed_mail_message_id varchar(998);
