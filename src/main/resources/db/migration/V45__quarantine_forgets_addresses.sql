-- A closed quarantine entry keeps its reason without an address (see Quarantine): nobody reads a
-- closed entry's reason again, and an address kept there outlived the mail it came with, which is
-- emptied at the end of its period. Entries closed before this version lose theirs now: the reasons
-- with a code get the sentence the operator's log has; the others (a parser's complaint, a sentence
-- stored before the codes) lose any address in them. One address per reason at most, so the first
-- match is all there is to replace, as PostgreSQL does without the 'g' flag.
update quarantined_mail set reason = 'bounce about a mail that belongs to no conversation'
where resolved_at is not null and reason_code = 'strayBounceFor';
update quarantined_mail set reason = 'sender is not the participant or the coach of this trajectory'
where resolved_at is not null and reason_code = 'unknownSender';
update quarantined_mail set reason = 'sender coached this trajectory before it was handed over'
where resolved_at is not null and reason_code = 'formerCoach';
update quarantined_mail set reason = regexp_replace(reason, '[^ ()<>]+@[^ ()<>]+', '(address)')
where resolved_at is not null and reason like '%@%';
update quarantined_mail set reason_argument = null
where resolved_at is not null and reason_argument is not null;

-- A notice to someone else about a trajectory (a handover to the coaches, the confirmation to the
-- employer) names the participant and has no reply address of the conversation: the id of what it is
-- about lets the trajectory's erasure find it. No foreign key: the mail module knows no trajectories.
alter table outbound_mail add column about_id uuid;
create index outbound_mail_about on outbound_mail (about_id);
