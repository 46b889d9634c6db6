-- GDPR rights (issue #6): erasure on request, confirmed by an administrator, and the retention job.
-- An erased trajectory keeps its row (programme, theme, status, dates) for the statistics.
alter table trajectory add column erased_at timestamp with time zone;

create table erasure_request (
    id              uuid primary key,
    account_id      uuid not null references account (id),
    requested_at    timestamp with time zone not null,
    status          varchar(20) not null,
    decided_by      uuid references account (id),
    decided_at      timestamp with time zone,
    decline_reason  varchar(2000),
    constraint erasure_request_status check (status in ('REQUESTED', 'CONFIRMED', 'DECLINED'))
);
create index erasure_request_by_status on erasure_request (status, requested_at);
create index erasure_request_by_account on erasure_request (account_id);
