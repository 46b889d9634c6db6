-- A reply by mail to the closing summary's mail is the participant's reaction to it (decision 0136): the
-- summary keeps the Message-ID of its mail, to know the reply by its In-Reply-To, and a reaction that came so
-- keeps the letter it came as, which stays in the conversation and is no letter the coach still has to answer.
-- Summaries sent before keep no Message-ID: a reply to their mail is a letter, as it was.
alter table closing add column mail_message_id varchar(998);
alter table closing add column reaction_message_id uuid;
