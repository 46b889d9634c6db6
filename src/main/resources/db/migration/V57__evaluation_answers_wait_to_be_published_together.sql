-- An answer and the request it closed were written in one transaction: on PostgreSQL both rows carry
-- that transaction's id (xmin), so anyone reading the database could join an answer to the person who
-- gave it, and the answers' order in the table followed the requests' answer times. An answer now waits
-- here until five of its programme and month are in, or the month is over, and is then written into
-- evaluation_answer with the others of its group, in an order of chance, by another transaction
-- (decision 0008).
create table evaluation_answer_waiting (
    id                uuid primary key,
    programme_id      uuid not null references programme (id),
    theme             varchar(60),
    answered_month    date not null,
    satisfaction      integer not null,
    answered_before   integer not null,
    answered_after    integer not null,
    recommend         boolean not null,
    helped_most       varchar(40) not null,
    remarks           varchar(4000),
    remarks_shared    boolean default false not null
);
create index evaluation_answer_waiting_by_group on evaluation_answer_waiting (programme_id, answered_month);

-- The answers given before: written again in an order of chance, in this one transaction.
insert into evaluation_answer_waiting (id, programme_id, theme, answered_month, satisfaction, answered_before,
    answered_after, recommend, helped_most, remarks, remarks_shared)
select id, programme_id, theme, answered_month, satisfaction, answered_before, answered_after, recommend, helped_most,
    remarks, remarks_shared
from evaluation_answer;
delete from evaluation_answer;
insert into evaluation_answer (id, programme_id, theme, answered_month, satisfaction, answered_before, answered_after,
    recommend, helped_most, remarks, remarks_shared)
select id, programme_id, theme, answered_month, satisfaction, answered_before, answered_after, recommend, helped_most,
    remarks, remarks_shared
from evaluation_answer_waiting order by random();
delete from evaluation_answer_waiting;

-- When a request was answered, to the day only: to the second it lined up with the answers' order.
update evaluation_request set answered_at = cast(cast(answered_at as date) as timestamp with time zone)
where answered_at is not null;
