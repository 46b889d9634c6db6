-- Nodes that start together on one database take turns writing what ships with Briefwissel (the
-- assignment library, the evaluation default's demo data): each seed first locks its row here, so
-- the second node waits, then sees what the first wrote instead of writing it again.
create table startup_seed (
    name  varchar(40) primary key
);

insert into startup_seed (name) values ('assignment-library');
insert into startup_seed (name) values ('demo-data');
