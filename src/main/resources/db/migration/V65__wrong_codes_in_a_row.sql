-- Wrong second-factor codes in a row, apart from wrong passwords: only a right code or an administrator
-- sets it back to nought, not the end of a lock, so each further lock lasts longer and the hundredth wrong
-- code locks the account until an administrator unlocks it (NIST SP 800-63B 5.2.2, decision 0047).
-- Wrong passwords still lock for a while only: a stranger who knows nothing but the address cannot
-- lengthen a lock.
alter table account add column wrong_codes integer not null default 0;
