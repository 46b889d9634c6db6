-- Which node reads the shared IMAP mailbox. Every node stays connected, but only the holder of the
-- lease fetches: two nodes fetching the same mailbox downloaded every mail twice (stored once by its
-- key, the second copy wasted bandwidth and, at Microsoft 365, the mailbox's throttling budget). The
-- holder renews the lease once half of it is gone; when it stops (shut down, crashed, cut off from the
-- mailbox) another node takes over once the lease has run out. A node is named by its host name (as
-- long as a fully qualified one may be) and its HTTP port.
create table mailbox_reader (
    mailbox varchar(400) not null primary key,
    node varchar(300) not null,
    until timestamp with time zone not null
);
