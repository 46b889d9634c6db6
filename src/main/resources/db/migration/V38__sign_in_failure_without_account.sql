-- Wrong passwords for an address without an account, counted as for an account and in the database,
-- so every node answers alike: "locked" after five attempts must not tell a guesser which addresses
-- have an account. The address is kept only as a hash, and only for a day after its last failure.
create table sign_in_failure (
    address_hash    varchar(64) primary key,
    failures        integer not null,
    locked_until    timestamp with time zone,
    last_failed_at  timestamp with time zone not null
);
create index sign_in_failure_by_last on sign_in_failure (last_failed_at);
