-- A draft remembers the write form it was typed in. A check while typing that overlaps "Versturen"
-- can write its draft after the letter's transaction cleared it (the two are separate statements in
-- separate transactions); the draft of a form whose letter was sent is then not shown, whatever the
-- order the two requests ended in.
alter table draft add column submission_id uuid;
