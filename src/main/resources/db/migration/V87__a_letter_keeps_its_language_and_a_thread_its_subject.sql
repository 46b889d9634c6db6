-- Each letter keeps the language it was written in (decision 0097): the pages, the record and the export
-- said a letter's language from the participant's setting of today, so a switch to English took lang="nl"
-- from every Dutch letter written before. Null where it is not known: notes of Briefwissel, and letters of
-- before this migration that nothing below tells for sure. Those get no lang of their own, which is better
-- than a wrong one: the participant's language of today is not the one a letter of before was written in.
alter table message add column language varchar(5);

-- A coach's letter went by mail with a subject in the language it was written in: where that mail is still
-- kept, it tells. Nothing else of before is known for sure (the participant's language has no history, and
-- the bodies are sealed, so no detection on their words here). One statement that touches only the rows it
-- gives a language: each update of a row writes a new version of it on PostgreSQL, under the table's lock.
update message set language = (
    select case when o.subject like 'Your e-coaching with %' then 'en' else 'nl' end
    from outbound_mail o where o.message_id = message.mail_message_id)
where kind = 'MESSAGE' and author_role = 'COACH' and mail_message_id is not null
  and exists (select 1 from outbound_mail o where o.message_id = message.mail_message_id
      and (o.subject like 'Your e-coaching with %' or o.subject like 'Je e-coaching met %'));
-- After the update: the constraint's check reads the table once, and the update need not pass it row by row.
alter table message add constraint message_language check (language in ('nl', 'en'));

-- The mail thread of a trajectory keeps one subject (decision 0097): the language it is in is fixed when the
-- thread's reply address is first made, with the first mail to it. A node of before this migration still
-- makes reply addresses while a new one starts (a rolling deploy) and names no language: 'nl', the default
-- the accounts have too. Threads of before: the participant's mail program threads under the latest subject
-- it got, so the language of the latest coach's letter whose mail tells, else the participant's of today
-- (the subject their next mail would have had).
alter table reply_token add column thread_language varchar(5) default 'nl' not null;
update reply_token set thread_language = coalesce(
    (select m.language from message m
     where m.trajectory_id = reply_token.trajectory_id and m.author_role = 'COACH' and m.kind = 'MESSAGE'
       and m.language is not null
     order by m.created_at desc, m.id desc limit 1),
    (select a.preferred_language from account a where a.id = reply_token.participant_id),
    'nl');
alter table reply_token add constraint reply_token_thread_language check (thread_language in ('nl', 'en'));
