-- Who wrote a mail, when a person did: a coach's letter shows "Anja de Vries via Briefwissel" as its
-- sender in the participant's inbox, not the platform's name alone. The address stays the platform's.
alter table outbound_mail add column written_by varchar(400);
