-- Someone who signed in through their organisation's provider is recognised by the provider's
-- subject from then on, not by the address the provider gives (decision 0031): at a provider where
-- people set their own address (Microsoft Entra ID's email claim), an address alone let one employee
-- into another's account. As "issuer client-id subject": Entra ID gives each registration of an
-- application its own subjects for the same people.
alter table account add column external_subject varchar(2000);
create unique index account_external_subject on account (external_subject);

-- Whether the provider only gives out addresses its people own: then a token without email_verified
-- (Entra ID sends none) counts as verified. Off for new connections; on for connections made before,
-- which accepted such tokens, so that nobody is locked out by the upgrade (the administrator's form
-- says what it means and it can be switched off).
alter table single_sign_on add column addresses_verified boolean not null default false;
update single_sign_on set addresses_verified = true;
