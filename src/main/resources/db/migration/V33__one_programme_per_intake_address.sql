-- An intake address belongs to one programme. The check in the form alone let a double click (or
-- two managers at once) give two programmes the same address, after which every mail to it failed
-- to find its programme. Where that happened already, the oldest programme keeps the address and
-- the others lose it (they could not take in mail on it anyway); their managers see it empty.
update programme set intake_address = null
where intake_address is not null
  and exists (select 1 from programme older
              where older.intake_address = programme.intake_address
                and (older.created_at < programme.created_at
                     or (older.created_at = programme.created_at and older.id < programme.id)));

create unique index programme_intake_address on programme (intake_address);
