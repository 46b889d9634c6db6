-- A notice to a participant keeps what kind of notice it is (decision 0093). The held-back notices were found
-- again by their subject, in either language: a subject worded otherwise in the message bundles would silently
-- stop finding those of the last thirty days, and the hourly limit and the reminders with them. The kind is the
-- name of the Java enum NoticeKind; null for every other mail.
alter table outbound_mail add column notice_kind varchar(40);

-- Held-back notices queued before: by their subject, as they were found until now. These subjects have read
-- the same in Dutch and in English since the notices exist, have no placeholder, and no other mail has them;
-- only automatic mail, so not a letter a person gave the same words. The other kinds are read by nothing.
update outbound_mail set notice_kind = 'MAIL_TOO_BIG'
where auto_submitted = true
  and subject in ('Je mail was te groot en is niet aangekomen', 'Your mail was too large and did not arrive');
update outbound_mail set notice_kind = 'MAIL_FROM_ANOTHER_ADDRESS'
where auto_submitted = true
  and subject in ('Je mail vanaf een ander adres is niet in je gesprek gezet',
                  'Your mail from another address was not added to your conversation');
