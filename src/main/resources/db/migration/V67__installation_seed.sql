-- The first organisation and administrator of an installation are written in turn, as the other seeds
-- (decision 0050): two nodes starting together on an empty database make one administrator.
insert into startup_seed (name) values ('installation');
