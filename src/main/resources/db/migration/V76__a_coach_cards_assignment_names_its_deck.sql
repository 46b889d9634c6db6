-- The deck a coach-cards assignment is laid from: VALUE or QUALITY, chosen on the library's form, so that a
-- coach's own assignment can be laid from one deck as the shipped ones are. Null lays the whole deck, as an
-- own assignment made before did; the shipped ones get theirs from assignments/library.txt at start-up
-- (LibrarySeed), which keeps a deck an administrator chose (decision 0065, note of session 37).
alter table assignment add column deck varchar(16);
