-- The authenticator secret and the single sign-on client secret are sealed like content (decision 0009).
alter table account add column totp_secret_key_id varchar(64);
alter table account alter column totp_secret set data type varchar(200);
alter table single_sign_on add column client_secret_key_id varchar(64);
alter table single_sign_on alter column client_secret set data type varchar(1500);
