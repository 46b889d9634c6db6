-- An application started by a mail whose sender the receiving mail server did not confirm (SPF, DKIM, DMARC; decision
-- 0037): anyone can write a From, so what it holds (the words, the files, the mail) is not the address owner's until
-- they use the link of our answer, which only that address gets. Until then it stays out of their export (decision 0129).
alter table intake add column sender_unconfirmed boolean not null default false;
