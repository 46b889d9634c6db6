-- A participant's account is never signed in through the employer's provider (decision 0101): whoever runs
-- that provider could otherwise read the participant's letters. Bindings that participants' accounts already
-- have are cleared, with the links that would bind them.
update account set external_subject = null
where external_subject is not null and id in (select account_id from account_role where role = 'PARTICIPANT');
delete from single_sign_on_link where account_id in (select account_id from account_role where role = 'PARTICIPANT');
-- A first sign-in with an address that has no account no longer makes one at once: a link mailed to the address
-- makes it when confirmed. Such a link belongs to no account yet; it keeps the address, name and language the
-- account is to get (the provider's user, also shown to whoever is asked to confirm).
alter table single_sign_on_link alter column account_id drop not null;
alter table single_sign_on_link add column email varchar(320);
alter table single_sign_on_link add column display_name varchar(200);
alter table single_sign_on_link add column preferred_language varchar(10);
create index single_sign_on_link_by_email on single_sign_on_link (email, created_at);
