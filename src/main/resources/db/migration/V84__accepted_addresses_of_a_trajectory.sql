-- Another address of the participant's that their coach accepted for their trajectory (decision 0089):
-- mail from it joins the conversation as mail from their own address does. Of the trajectory, not of the
-- person: a next trajectory, with another coach, does not inherit what this coach accepted, and the
-- trajectory's erasure takes it. Withdrawing one deletes its row; the audit trail says who did what.
create table accepted_address (
    trajectory_id uuid not null references trajectory (id) on delete cascade,
    address varchar(320) not null,
    accepted_by uuid,
    accepted_at timestamp with time zone not null,
    primary key (trajectory_id, address)
);
create index accepted_address_by_address on accepted_address (address);
