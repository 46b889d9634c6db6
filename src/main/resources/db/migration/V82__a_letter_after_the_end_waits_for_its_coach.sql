-- A participant's letter that came after their trajectory was completed or stopped, not yet seen by its
-- coach (decision 0090): the coach's workspace names it until they open the conversation or answer it.
-- One row per trajectory, since its first such letter; it goes when seen, and with the trajectory's erasure.
-- last_at is its newest such letter: a page opened before that letter came showed it not, and leaves the row.
create table letter_after_the_end (
    trajectory_id  uuid primary key references trajectory (id),
    since          timestamp with time zone not null,
    last_at        timestamp with time zone not null
);
