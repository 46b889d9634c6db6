-- The files that came with a mail to an intake address (a CV, say): kept as a letter's files are, by the same
-- rules (size, no programs; a refused one by name and why only) and sealed with the same key, so that the coach
-- sees them beside the application's question and the person's export holds them. Erasing the application (on
-- request, with its trajectory, by retention) deletes them with its words.
create table intake_attachment (
    id             uuid primary key,
    intake_id      uuid not null references intake (id),
    file_name      varchar(255) not null,
    content_type   varchar(255) not null,
    size_bytes     bigint not null,
    content        bytea,
    content_key_id varchar(64),
    refusal        varchar(200),
    created_at     timestamp with time zone not null
);
create index intake_attachment_by_intake on intake_attachment (intake_id);
