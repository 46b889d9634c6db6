-- One application per press of "Aanmelden" or "Uitnodiging sturen": the public form and the
-- invitation form carry a fresh id, and a second request with the same id (a double click, a browser
-- sending the form again) finds the id taken and writes and mails nothing. The row is the key, as for
-- letters (V31) and reminders (decision 0006); it holds no content. It is written first, before the
-- application it names, in the same transaction: hence no foreign key (H2 checks one at once, not at
-- commit). Applications are never deleted, only cleared, so the id it names stays an application's.
create table intake_submission (
    submission_id  uuid primary key,
    intake_id      uuid not null,
    submitted_at   timestamp with time zone not null
);
