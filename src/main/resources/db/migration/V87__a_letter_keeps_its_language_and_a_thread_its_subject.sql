-- Each letter keeps the language it was written in (decision 0097): the pages, the record and the export
-- said a letter's language from the participant's setting of today, so a switch to English took lang="nl"
-- from every Dutch letter written before. Null where it is not known (notes of Briefwissel, letters of
-- before this migration that nothing below tells): those get no lang of their own.
alter table message add column language varchar(5);
alter table message add constraint message_language check (language in ('nl', 'en'));

-- A coach's letter went by mail with a subject in the language it was written in: where that mail is still
-- kept, it tells. Every other letter: the participant's language of today, which is what the pages said
-- of it until now (the bodies are sealed, so no detection on their words here).
update message set language = (
    select case when o.subject like 'Your e-coaching with %' then 'en'
                when o.subject like 'Je e-coaching met %' then 'nl' end
    from outbound_mail o where o.message_id = message.mail_message_id)
where kind = 'MESSAGE' and author_role = 'COACH' and mail_message_id is not null;
update message set language = (
    select a.preferred_language from trajectory t join account a on a.id = t.participant_id
    where t.id = message.trajectory_id)
where kind = 'MESSAGE' and language is null;

-- The mail thread of a trajectory keeps one subject (decision 0097): the language it is in is fixed when the
-- thread's reply address is first made, with the first mail to it. Threads of before: the language of its
-- first coach's letter as mailed, else the participant's of today (the subject their next mail would have had).
alter table reply_token add column thread_language varchar(5);
update reply_token set thread_language = coalesce(
    (select m.language from message m
     where m.trajectory_id = reply_token.trajectory_id and m.author_role = 'COACH' and m.kind = 'MESSAGE'
       and m.mail_message_id is not null
     order by m.created_at, m.id limit 1),
    (select a.preferred_language from account a where a.id = reply_token.participant_id),
    'nl');
alter table reply_token alter column thread_language set not null;
alter table reply_token add constraint reply_token_thread_language check (thread_language in ('nl', 'en'));
