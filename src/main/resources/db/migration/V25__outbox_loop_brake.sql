-- The loop brake counts recent automatic mails per address (issue #10).
create index outbound_mail_by_created on outbound_mail (created_at);
