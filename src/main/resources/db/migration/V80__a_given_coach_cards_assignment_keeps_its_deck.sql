-- A given coach-cards assignment keeps the deck it is laid from, as it keeps its title and type (V50): it was
-- read from the library when the cards were laid, so a coach who changed the deck (or the type) of an
-- assignment already given changed what the participant was asked to lay (decision 0080). Given before, it
-- gets the deck its library assignment names now, the one it was laid from until now; null lays the whole deck.
alter table given_assignment add column deck varchar(16);
update given_assignment set
    deck = (select a.deck from assignment a where a.id = given_assignment.assignment_id and a.type = 'COACH_CARDS')
where type = 'COACH_CARDS';
