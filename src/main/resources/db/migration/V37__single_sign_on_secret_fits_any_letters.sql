-- A client secret of up to 1,000 characters is sealed (decision 0009); as UTF-8 a character takes up
-- to three bytes, and sealed and written as base64 the column needs about four characters for each.
-- At 1,500 a secret with non-ASCII letters failed to save (an error page), as V20 sized the others.
alter table single_sign_on alter column client_secret set data type varchar(4100);
