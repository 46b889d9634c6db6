-- A participant's mail program may write a Message-ID of up to 998 characters (the reader takes up to
-- 900): answered, it did not fit in_reply_to (255) and the coach's letter could not be written at all.
alter table outbound_mail alter column in_reply_to set data type varchar(998);
alter table outbound_mail alter column mail_references set data type varchar(20000);
