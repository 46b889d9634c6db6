-- A participant stops an address of theirs counting for the trajectory themselves, on their conversation page
-- (decision 0102). Their coach's withdrawal deletes the row; theirs keeps it as WITHDRAWN, so that the coach's
-- page says that the participant withdrew it, and when (answered_at). The row claims the address no more
-- (live_address is emptied) and its link no longer works (token_hash is emptied).
alter table accepted_address drop constraint accepted_address_state;
alter table accepted_address add constraint accepted_address_state
    check (state in ('PENDING', 'CONFIRMED', 'DECLINED', 'WITHDRAWN'));
