-- A double click on "Bewaren" stored a private note or a saved reply twice (and notes cannot be
-- deleted). Each form carries an id; a second request with the same id stores nothing. Several rows
-- without one (from before) may stand side by side: a unique index allows many nulls.
alter table coach_note add column form_id uuid;
create unique index coach_note_form on coach_note (form_id);
alter table saved_reply add column form_id uuid;
create unique index saved_reply_form on saved_reply (form_id);
