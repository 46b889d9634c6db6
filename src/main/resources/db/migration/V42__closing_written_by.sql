-- Who wrote the closing summary, kept with it: after a handover the trajectory's coach is someone
-- else, and the summary would be credited to them. Summaries written before this say nobody; they
-- are shown as the trajectory's coach's, as before.
alter table closing add column written_by uuid references account (id);
