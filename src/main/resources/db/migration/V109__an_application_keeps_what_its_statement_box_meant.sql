-- What the application's statement box meant when it was ticked and sent (decision 0138, amended): under consent it
-- read "Ik ga akkoord met de privacyverklaring", under a public task or a legitimate interest "Ik heb de
-- privacyverklaring gelezen". Both are kept in consent_at; this column keeps the organisation's basis of that moment,
-- so that a "read" tick never counts as consent, also after the organisation chooses consent. Every box ticked before
-- this column read "akkoord" (the wording changed with it), so those rows get CONSENT; a box not ticked (an
-- application not yet filled in, or superseded) keeps none.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
alter table intake add column statement_basis varchar(20);
update intake set statement_basis = 'CONSENT' where consent_at is not null;
alter table intake add constraint intake_statement_basis
    check (statement_basis in ('CONSENT', 'PUBLIC_TASK', 'LEGITIMATE_INTEREST'));
