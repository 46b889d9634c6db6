package nl.briefwissel.closing;

import java.time.OffsetDateTime;
import java.util.Locale;

import nl.briefwissel.LetterLanguage;

/**
 * The coach's closing summary and, once written, the participant's reaction. {@code writtenByName} is
 * the coach who wrote the summary last, which after a handover need not be the trajectory's coach;
 * null for a summary written before that was kept, which shows as the trajectory's coach's.
 * {@code summaryReadable} or {@code reactionReadable} false (and that text null) when it does not open,
 * for a marked line in its place (decision 0057). {@code sentAt} null while it is the coach's draft,
 * which only the coach's page shows (decision 0086). Neither keeps the language it was written in: its
 * {@code lang} is that of its own words, none where they do not tell (decision 0097, amended).
 * {@code reactionLetterId} is the participant's letter that was their reaction by mail, null for none: it asks no
 * answer of the coach (decision 0136). {@code replyLetterOnlyId} is their reply to the summary's mail that stayed a
 * letter (only a photo, too long for a reaction), null for none: their closing says it is no reaction (decision 0136,
 * amended). {@code summaryRevision} and {@code reactionRevision} are what their forms carry, to know a save from
 * a tab opened before another's (null before either was saved since V114); {@code changedAt} when a sent summary was
 * last changed, null for never (decision 0146).
 */
public record Closing(String summary, OffsetDateTime writtenAt, String reaction, OffsetDateTime reactedAt,
		String writtenByName, boolean summaryReadable, boolean reactionReadable, OffsetDateTime sentAt,
		java.util.UUID reactionLetterId, java.util.UUID replyLetterOnlyId, java.util.UUID summaryRevision,
		java.util.UUID reactionRevision, OffsetDateTime changedAt) {

	/** The language the summary's words clearly are; null where they do not tell (or it does not open). */
	public Locale summaryLanguage() {
		return LetterLanguage.of(summary, null);
	}

	/** The summary's {@code lang} on a page in {@code page}'s language, as {@link LetterLanguage#langOn}. */
	public String summaryLangOn(Locale page) {
		return LetterLanguage.langOn(summary, page);
	}

	/** The reaction's {@code lang} on a page in {@code page}'s language, as {@link LetterLanguage#langOn}. */
	public String reactionLangOn(Locale page) {
		return LetterLanguage.langOn(reaction, page);
	}

	/**
	 * Whether the participant is to be told that their reply to the summary's mail is no reaction: they replied so,
	 * and there is still none to read.
	 */
	public boolean replyIsNoReaction() {
		return replyLetterOnlyId != null && reaction == null && reactionReadable;
	}

	/**
	 * Whether the participant reacted to the sent summary, with a reaction that does not open too: the summary then
	 * stands, as the words their reaction answers, while it can be read ({@link #stands}, decision 0146).
	 */
	public boolean reacted() {
		return sent() && (reaction != null || !reactionReadable);
	}

	/**
	 * Whether the sent summary stands: reacted to, and readable. One that does not open may be written anew (decision
	 * 0057): there are no words left that anyone could read the reaction against.
	 */
	public boolean stands() {
		return reacted() && summaryReadable;
	}

	/** The summary's revision as its form carries it: empty for none. */
	public String summaryBase() {
		return summaryRevision == null ? "" : summaryRevision.toString();
	}

	/** The reaction's revision as its form carries it: empty for none. */
	public String reactionBase() {
		return reactionRevision == null ? "" : reactionRevision.toString();
	}

	/** Whether the participant was sent it: mailed, and reading it under My trajectory. */
	public boolean sent() {
		return sentAt != null;
	}
}
