-- A coach edits a private note or a saved reply, and deletes a note (decision 0092). Each edit gives the
-- row a new revision and remembers the form it came from; the edit form carries the revision it was
-- opened on. A save from a tab whose row changed since is refused and its text given back; a second
-- save of the same form with the same text (a double click) writes nothing. A row never edited has no
-- revision: its id stands for it, so the rows already there and the writers that add them (the dataset
-- generator) need nothing new. A note says when it was last edited.
alter table coach_note add column revision uuid;
alter table coach_note add column edit_form_id uuid;
alter table coach_note add column edited_at timestamp with time zone;
alter table saved_reply add column revision uuid;
alter table saved_reply add column edit_form_id uuid;
