-- An organisation's house style (decision 0074): five colours as #rrggbb, each checked for contrast
-- before it is written, and a name for the header. No row: the standard look. Goes with its organisation.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
create table organisation_house_style (
    organisation_id    uuid primary key references organisation (id) on delete cascade,
    button_colour      varchar(7) not null,
    button_text_colour varchar(7) not null,
    link_colour        varchar(7) not null,
    header_colour      varchar(7) not null,
    header_text_colour varchar(7) not null,
    header_name        varchar(60),
    changed_at         timestamp with time zone not null
);
