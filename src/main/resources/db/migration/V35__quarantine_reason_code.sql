-- The quarantine's reason as a code and its argument (an address, or the technical problem of an
-- unreadable mail), so that pages say it in the reader's language. The reason column keeps the
-- English sentence for administrators; rows from before have no code and are shown as that text.
alter table quarantined_mail add column reason_code varchar(40);
alter table quarantined_mail add column reason_argument varchar(1000);
