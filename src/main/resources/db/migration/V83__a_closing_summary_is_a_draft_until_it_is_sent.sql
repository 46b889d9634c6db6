-- A closing summary is the coach's draft until they send it (decision 0086): only then is the
-- participant mailed, and only then do they read it, react to it and find it in their record.
-- Summaries written before were shown and mailed as soon as they were saved: they were sent then.
alter table closing add column sent_at timestamp with time zone;
update closing set sent_at = written_at;
