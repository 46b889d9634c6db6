package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One entry in a conversation. {@code body} is what the person wrote, trimmed of quoted history.
 * {@code readable} is false only for a letter that no configured key opens read for a conversation
 * page, the record or the export ({@link Conversations#toRead}): its body is then null and they show
 * a marked line in its place (decision 0057); everywhere else such a letter still fails loudly.
 * {@code language} is the language the letter was written in, kept with it (decision 0097); null where it
 * is not known (notes of Briefwissel).
 */
public record Message(UUID id, UUID trajectoryId, UUID authorId, String authorName, Author author, MessageKind kind,
		String body, boolean readable, Channel channel, UUID inboundMailId, String mailMessageId, OffsetDateTime createdAt,
		List<Attachment> attachments, Locale language) {

	public Message {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	public boolean isNote() {
		return kind != MessageKind.MESSAGE;
	}

	/**
	 * The letter's first words, to tell it apart where only its date stood (two letters of one minute in
	 * the choice of an answer); its files' names when it has no words; empty when it does not open.
	 */
	public String opening() {
		if (!readable || body == null) {
			return "";
		}
		String words = body.strip().replaceAll("\\s+", " ");
		if (words.isEmpty()) {
			return String.join(", ", attachments.stream().map(Attachment::fileName).toList());
		}
		return words.length() <= 40 ? words : words.substring(0, 40).strip() + "…";
	}

	public boolean cameByMail() {
		return inboundMailId != null;
	}

	/**
	 * The letter's {@code lang} on a page in {@code page}'s language: its own where it differs (WCAG
	 * 3.1.2), null where it is the page's or not known: no lang at all rather than a wrong one.
	 */
	public String langOn(Locale page) {
		return langOn(language, page);
	}

	/**
	 * The language the next letter of {@code conversation} (oldest first) is expected in, for the {@code lang}
	 * of the box it is typed in (its spell-check follows it) and of the text that comes back from it: that of
	 * the latest letter that has one, whoever wrote it, as one answers a letter in the language it came in;
	 * before any, the participant's setting, as the first letter's language is taken (decision 0097). Not the
	 * setting alone: after a switch to English a Dutch coach writing on in Dutch had a box marked English and
	 * every word underlined. A guess of the moment, not kept: the letter sent is tagged by its own words.
	 */
	public static Locale expectedIn(List<Message> conversation, Locale participant) {
		for (int i = conversation.size() - 1; i >= 0; i--) {
			Message letter = conversation.get(i);
			if (!letter.isNote() && letter.language() != null) {
				return letter.language();
			}
		}
		return participant;
	}

	/** As {@link #langOn(Locale)}, for a text in {@code written}. */
	public static String langOn(Locale written, Locale page) {
		return written == null || page != null && written.getLanguage().equals(page.getLanguage()) ? null : written.getLanguage();
	}
}
