-- A double click or a reload after sending must land where the first press did (decision 0006).
--
-- The evaluation form carries a fresh id; the request keeps the id of the form that answered it, so
-- the same form sent again is thanked again, while any other answer through the link is refused. The
-- id is random and says nothing about the answer, which stays without trajectory or person (V15).
alter table evaluation_request add column answered_form uuid;
create index evaluation_request_by_answered_form on evaluation_request (answered_form);

-- The form "Programma aanmaken" carries a fresh id; a second request with the same id finds it taken
-- and shows the programme the first made. Written first, before the programme it names, in the same
-- transaction: hence no foreign key, as for intake_submission (V36). Programmes are never deleted.
create table programme_creation (
    form_id        varchar(64) primary key,
    programme_id   uuid not null,
    created_at     timestamp with time zone not null
);
