-- Retention and erasure cleared an application's person and link but kept its status, so an
-- unanswered invitation, mail or unconfirmed application stayed on the programme manager's list for
-- good as "verwijderd@briefwissel.invalid". Nobody can complete it any more: it is closed, as the
-- erasure now closes it too.
update intake set status = 'WITHDRAWN'
where email = 'verwijderd@briefwissel.invalid'
  and status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION');
