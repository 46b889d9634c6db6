-- The highest UID stored from each IMAP mailbox (within its UIDVALIDITY). Seen was the only record of
-- what was fetched, so a mail someone opened in another mail program before the next round (an operator
-- in Outlook on the web, a phone set up on the mailbox, a rule that marks mail read) was never fetched;
-- Exchange keeps no marks of our own to use instead. Mail above this UID is fetched, read or not.
create table imap_stored_uid (
    mailbox      varchar(400) not null primary key,
    uid_validity bigint not null,
    highest_uid  bigint not null
);
