-- Each save of a draft gets a new revision, and the write form carries the revision it was based on:
-- a save from a tab whose draft was sent or changed in another tab since is refused, and the coach is
-- told (decision 0060). Sending or emptying the draft keeps its row without text (body null), so that
-- a later save based on the text before can still be told from a new letter.
alter table draft add column revision uuid;
alter table draft alter column body drop not null;
