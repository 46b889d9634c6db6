-- Addresses without an account are now counted under a keyed hash (HMAC with a key derived from the
-- active encryption key) instead of a plain SHA-256, which anyone could reverse by hashing candidate
-- addresses. The plain hashes go now rather than at the end of their day; the counts start again.
delete from sign_in_failure;
