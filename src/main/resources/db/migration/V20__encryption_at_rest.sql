-- Encryption at rest (decision 0009): every sealed value is stored with the id of the key that
-- sealed it. A null key id marks a row written before encryption: plain, still readable, and
-- re-encrypted by `java -jar briefwissel.jar encryption rotate`.
alter table message add column body_key_id varchar(64);
alter table message_attachment add column content_key_id varchar(64);
alter table coach_note add column body_key_id varchar(64);
alter table draft add column body_key_id varchar(64);
alter table inbound_mail add column raw_mail_key_id varchar(64);
alter table outbound_mail add column body_key_id varchar(64);

-- Sealed text is base64 of IV, ciphertext and tag: at most four characters per character of
-- plain text (three UTF-8 bytes, base64), plus 40 for the IV and tag.
alter table message alter column body set data type varchar(4000100);
alter table outbound_mail alter column text_body set data type varchar(4000100);
alter table outbound_mail alter column html_body set data type varchar(4000100);
alter table coach_note alter column body set data type varchar(80100);
alter table draft alter column body set data type varchar(400100);
