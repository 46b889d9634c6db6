-- On what ground (GDPR article 6(1)) an organisation has its participants' coaching data processed, as its
-- administrator chose it on the privacy details (decision 0138): consent (a), a public task (e, a municipality)
-- or a legitimate interest (f). Consent is what the statement and the register said for every organisation
-- before, so every row keeps it; an organisation without a row reads as consent too. The privacy statement and
-- the register name the chosen ground and what fits it: withdrawing consent, or objecting (article 21).
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
alter table organisation_privacy add column legal_basis varchar(20) default 'CONSENT' not null;
alter table organisation_privacy add constraint organisation_privacy_legal_basis
    check (legal_basis in ('CONSENT', 'PUBLIC_TASK', 'LEGITIMATE_INTEREST'));
