-- What people write around the letters is sealed at rest as the letters are (decision 0009): the
-- closing summary and the reaction to it, marked passages, a participant's goals, the text of saved
-- replies and published evaluation remarks. Rows written before keep a null key id and read as plain
-- text until `encryption rotate` seals them. Sealed text is base64 of UTF-8 with an IV and a tag:
-- each column takes four times its longest text and a hundred more.
alter table closing add column summary_key_id varchar(64);
alter table closing add column reaction_key_id varchar(64);
alter table closing alter column summary set data type varchar(80100);
alter table closing alter column reaction set data type varchar(32100);

alter table highlight add column passage_key_id varchar(64);
alter table highlight alter column passage set data type varchar(16100);

alter table trajectory add column goals_key_id varchar(64);
alter table trajectory alter column goals set data type varchar(16100);

alter table saved_reply add column body_key_id varchar(64);
alter table saved_reply alter column body set data type varchar(80100);

alter table evaluation_answer add column remarks_key_id varchar(64);
alter table evaluation_answer alter column remarks set data type varchar(16100);
