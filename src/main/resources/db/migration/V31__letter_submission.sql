-- One letter per press of "Versturen": every write form carries a fresh id, and a second request
-- with the same id (a double click, a browser sending the form again) finds the id taken and writes
-- nothing, instead of a second letter and a second mail. The row is the key, as for reminders
-- (decision 0006); it holds no content.
create table letter_submission (
    submission_id  uuid primary key,
    trajectory_id  uuid not null references trajectory (id) on delete cascade,
    submitted_at   timestamp with time zone not null
);
