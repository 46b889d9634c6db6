-- Whether an automatic mail counts towards (and is held by) the loop brake: false for mail a
-- person's action on a page caused (sign-in links, employer confirmations, proposals), which no
-- machine answers. Every mail queued before counted.
alter table outbound_mail add column loop_brake boolean not null default true;
