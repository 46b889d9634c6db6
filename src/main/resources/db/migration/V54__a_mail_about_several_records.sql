-- A mail may name several records' people: the coach's daily digest names every participant who waits.
-- One about_id per mail let an erased participant's name stay in a digest, queued or sent, for the
-- outbox's thirty days. The records a mail is about now have a table of their own; a mail's rows go
-- with it (sent-mail retention, an erasure by Message-ID).
drop index outbound_mail_about;
create table outbound_mail_about (
    mail_id  uuid not null references outbound_mail (id) on delete cascade,
    about_id uuid not null,
    primary key (mail_id, about_id)
);
create index outbound_mail_about_record on outbound_mail_about (about_id);
insert into outbound_mail_about (mail_id, about_id) select id, about_id from outbound_mail where about_id is not null;
alter table outbound_mail drop column about_id;
