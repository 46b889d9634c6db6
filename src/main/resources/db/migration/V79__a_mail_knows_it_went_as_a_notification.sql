-- A coach's letter to a participant who gets only a notification (the programme's mail mode, or the
-- participant's own choice) goes without its words: the coach's page said "Per mail verstuurd" under it.
-- The mail now keeps whether it went as a notification, as it went: the participant may choose otherwise later.
alter table outbound_mail add column notification boolean not null default false;

-- Letters queued before: as the trajectory is set now, the best that is known of how they went.
update outbound_mail set notification = true
where message_id in (
    select m.mail_message_id from message m
    join trajectory t on t.id = m.trajectory_id
    join programme p on p.id = t.programme_id
    where m.mail_message_id is not null and m.author_role = 'COACH' and m.kind = 'MESSAGE'
      and (p.mail_mode = 'NOTIFICATION' or t.mail_preference = 'NOTIFICATION'));
