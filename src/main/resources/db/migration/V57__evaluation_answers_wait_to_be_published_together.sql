-- An answer and the request it closed were written in one transaction: on PostgreSQL both rows carry
-- that transaction's id (xmin), so anyone reading the database could join an answer to the person who
-- gave it, and the answers' order in the table followed the requests' answer times. An answer now waits
-- here, sealed, until its month is over, and is then written into evaluation_answer with all the others
-- of its programme and month, under a new id, in an order of chance, by another transaction (decision 0008).
create table evaluation_answer_waiting (
    id                uuid primary key,
    programme_id      uuid not null references programme (id),
    answered_month    date not null,
    answers           varchar(20000) not null,
    answers_key_id    varchar(64)
);
create index evaluation_answer_waiting_by_group on evaluation_answer_waiting (programme_id, answered_month);

-- The answers given before: written again in an order of chance, in this one transaction, without the
-- theme (no figure reads it, and within a group it named fewer people than the group).
create table evaluation_answer_shuffled (
    id uuid primary key, programme_id uuid not null, answered_month date not null, satisfaction integer not null,
    answered_before integer not null, answered_after integer not null, recommend boolean not null,
    helped_most varchar(40) not null, remarks varchar(4000), remarks_shared boolean not null
);
insert into evaluation_answer_shuffled (id, programme_id, answered_month, satisfaction, answered_before, answered_after,
    recommend, helped_most, remarks, remarks_shared)
select id, programme_id, answered_month, satisfaction, answered_before, answered_after, recommend, helped_most, remarks,
    remarks_shared
from evaluation_answer;
delete from evaluation_answer;
insert into evaluation_answer (id, programme_id, theme, answered_month, satisfaction, answered_before, answered_after,
    recommend, helped_most, remarks, remarks_shared)
select id, programme_id, null, answered_month, satisfaction, answered_before, answered_after, recommend, helped_most,
    remarks, remarks_shared
from evaluation_answer_shuffled order by random();
drop table evaluation_answer_shuffled;

-- When a request was answered, to the day only: to the second it lined up with the answers' order.
update evaluation_request set answered_at = cast(cast(answered_at as date) as timestamp with time zone)
where answered_at is not null;
