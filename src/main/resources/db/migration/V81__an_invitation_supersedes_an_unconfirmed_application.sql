-- An application by the public link whose address was never confirmed gives way to the programme's own
-- invitation of that address (decision 0082): what was typed into it goes, its link stays to say so.
alter table intake drop constraint intake_status;
alter table intake add constraint intake_status
    check (status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION', 'SUBMITTED', 'WITHDRAWN', 'SUPERSEDED'));
