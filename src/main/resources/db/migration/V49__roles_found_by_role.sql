-- An organisation's coaches are found by their role: the programme page read every account of the
-- organisation (participants by the thousand) to keep the coaches (docs/performance.md, 2026-12-04).
create index account_role_by_role on account_role (role, account_id);
