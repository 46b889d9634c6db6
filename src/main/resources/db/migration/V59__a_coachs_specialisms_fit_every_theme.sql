-- A coach's specialisms are the codes of the themes they know, joined by commas. An organisation adds
-- its own themes to its programmes (codes of up to 60 characters), and an administrator who ticked
-- some twenty of them for one coach got an error page: 1,000 characters did not hold them. Room now
-- for about a thousand.
alter table coach_profile alter column specialisms set data type varchar(60000);
