-- The participant's choice within the programme's mail mode: the whole message by mail, or a
-- notification with a link (never more than the programme allows).
alter table trajectory add column mail_preference varchar(20) not null default 'FULL_TEXT';
alter table trajectory add constraint trajectory_mail_preference check (mail_preference in ('FULL_TEXT', 'NOTIFICATION'));
