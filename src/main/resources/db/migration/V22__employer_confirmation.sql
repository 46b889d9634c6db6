-- With the participant's explicit consent, the employer's contact gets a confirmation of start and
-- completion, nothing more (issue #6).
alter table programme add column employer_contact varchar(320);
alter table intake add column employer_may_confirm boolean not null default false;
alter table trajectory add column employer_may_confirm boolean not null default false;
