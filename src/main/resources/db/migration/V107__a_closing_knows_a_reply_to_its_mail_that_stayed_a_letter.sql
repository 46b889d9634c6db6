-- A reply by mail to the closing summary's mail that stayed a letter (only a photo, more words than a reaction
-- holds; decision 0136, amended in session 47): the participant thought they had reacted. The closing keeps that
-- letter, so their closing under My trajectory says it is no reaction, above the form to give one, until they do.
alter table closing add column reply_not_reaction_id uuid;
