-- The assignment chosen for a letter is kept with its draft: coming back to the letter later (from
-- the workspace, after a note or a highlight) gave the assignment's text without giving it.
alter table draft add column assignment_id uuid;
