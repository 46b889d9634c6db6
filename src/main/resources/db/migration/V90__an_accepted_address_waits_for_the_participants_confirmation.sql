-- An address the coach accepts for a trajectory takes effect only once the participant confirms it by a
-- link mailed to their own address, or on their conversation page (decision 0091). Until then mail from it
-- is held back as mail from another sender is. The link's token is stored only as its SHA-256, works once
-- and until expires_at; asked_at is when it was last mailed (asking again waits a day), answered_at when the
-- participant confirmed or declined. An address accepted before this migration was in effect already: it
-- stays confirmed, without an answer.
alter table accepted_address add column state varchar(12);
update accepted_address set state = 'CONFIRMED';
alter table accepted_address alter column state set not null;
alter table accepted_address add constraint accepted_address_state check (state in ('PENDING', 'CONFIRMED', 'DECLINED'));
alter table accepted_address add column token_hash varchar(64);
alter table accepted_address add column asked_at timestamp with time zone;
alter table accepted_address add column expires_at timestamp with time zone;
alter table accepted_address add column answered_at timestamp with time zone;
create unique index accepted_address_by_token on accepted_address (token_hash);

-- One address is waiting or confirmed for one open trajectory at a time: two coaches who accept it in the same
-- moment for two participants each found none and both wrote one. live_address holds the address while the row
-- claims it (written on asking, emptied on declining; a claim that ran out or whose trajectory ended is let go
-- by the next one to ask); the unique index refuses the second claim, and its nulls never clash, on H2 as on
-- PostgreSQL. Of the addresses accepted twice before this, on open trajectories, the first accepted keeps the
-- claim; the others stay confirmed and keep working, but claim nothing.
alter table accepted_address add column live_address varchar(320);
update accepted_address set live_address = address
where trajectory_id in (select id from trajectory where status not in ('COMPLETED', 'STOPPED'))
  and not exists (select 1 from accepted_address earlier join trajectory t on t.id = earlier.trajectory_id
                  where earlier.address = accepted_address.address and t.status not in ('COMPLETED', 'STOPPED')
                    and (earlier.accepted_at < accepted_address.accepted_at
                         or (earlier.accepted_at = accepted_address.accepted_at
                             and earlier.trajectory_id < accepted_address.trajectory_id)));
create unique index accepted_address_one_live on accepted_address (live_address);
