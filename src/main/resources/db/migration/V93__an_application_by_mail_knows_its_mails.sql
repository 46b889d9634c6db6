-- The mails an application by mail was made of (decision 0105): the first, and any more from the same sender
-- the same day that added their words to it. Erasing the application (on request, with its trajectory, by
-- retention) empties those mails at once; without the link the raw mail, with the person's name, address and
-- words, stayed up to the period of unneeded mail after the application was gone. Ids only.
create table intake_mail (
    intake_id uuid not null references intake (id),
    inbound_mail_id uuid not null references inbound_mail (id),
    primary key (intake_id, inbound_mail_id)
);
