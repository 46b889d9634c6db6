-- How a given assignment's answer came to be linked (decision 0098): LETTER, automatically, the participant's
-- next letter after it was given; CARDS, the coach cards laid on their page, a deliberate answer that stays;
-- COACH, the letter its coach chose. The coach may undo a LETTER or COACH link ("this is not the answer"),
-- never a CARDS one. Answers linked before: laid cards are the coach cards answered by a letter from the web
-- (a letter written on the web never answers them by itself), every other answer came as a letter.
alter table given_assignment add column answered_by varchar(10);
update given_assignment set answered_by = case
        when type = 'COACH_CARDS' and exists (select 1 from message m
            where m.id = given_assignment.answer_message_id and m.channel = 'WEB') then 'CARDS'
        else 'LETTER' end
    where answer_message_id is not null;
alter table given_assignment add constraint given_assignment_answered_by
    check (answered_by in ('LETTER', 'CARDS', 'COACH'));
-- An open assignment says no way it was answered. Only this way round: a node of before this migration, still
-- running during a rolling deploy, links answers without saying how (null, taken as a letter: undoable).
alter table given_assignment add constraint given_assignment_answered_by_answer
    check (answered_by is null or answer_message_id is not null);
