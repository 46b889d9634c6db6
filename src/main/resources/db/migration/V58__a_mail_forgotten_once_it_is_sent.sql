-- A mail forgotten as soon as it is sent or given up on: the confirmation of an erasure goes to an
-- address that is forgotten already, and kept as sent mail for thirty days it named the person.
alter table outbound_mail add column forget_once_done boolean not null default false;
