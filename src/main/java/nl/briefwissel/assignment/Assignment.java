package nl.briefwissel.assignment;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.web.Html;

/**
 * An assignment: a title, instructions in Markdown, its type, the themes it suits, about how long
 * it takes and its language. {@code ownerId} is null for the shared library. {@code deck} is the deck
 * of coach cards a coach-cards assignment is laid from; null for the whole deck (an own one made before
 * a deck could be chosen) and for every other type.
 */
public record Assignment(UUID id, UUID ownerId, String title, String instructions, AssignmentType type,
		List<String> themes, int minutes, Locale language, boolean archived, CoachCards.Kind deck) {

	public Assignment {
		themes = themes == null ? List.of() : List.copyOf(themes);
		deck = type == AssignmentType.COACH_CARDS ? deck : null;
	}

	/** An assignment that names no deck. */
	public Assignment(UUID id, UUID ownerId, String title, String instructions, AssignmentType type, List<String> themes,
			int minutes, Locale language, boolean archived) {
		this(id, ownerId, title, instructions, type, themes, minutes, language, archived, null);
	}

	/** A coach-cards assignment that names no deck: it offers the whole deck, and its form asks to choose one. */
	public boolean laidFromTheWholeDeck() {
		return type == AssignmentType.COACH_CARDS && deck == null;
	}

	/**
	 * A link in a letter as the page and the HTML mail make one (decisions 0123 and 0087, {@link Html#webAddresses}):
	 * not inside a word, a mail address or a path (nowww.example.nl, anja@www.example.nl, video.https://…), and
	 * to a host with a dot in it. A participant cannot watch "the video I send along" from a letter that has none
	 * (decision 0087); a check of its own passed addresses the letter then showed as text (review).
	 */
	private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

	private static boolean holdsALink(String text) {
		for (Html.WebAddress address : Html.webAddresses(text)) {
			String target = address.target(text);
			String rest = target.substring(target.indexOf("://") + 3);
			int cut = 0;
			while (cut < rest.length() && "/?#:".indexOf(rest.charAt(cut)) < 0) {
				cut++;
			}
			if (HOST.matcher(rest.substring(0, cut)).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a letter giving this assignment lacks what the participant needs to do it: a video assignment
	 * is watched from a link, and the letter holds none. The link may come with the assignment's own
	 * instructions (the letter carries them, as a module on a career website carries its site) or be
	 * added by the coach; only the letter as it goes is read, so one taken out of it is missed.
	 */
	public boolean videoLinkMissingFrom(String letter) {
		return type == AssignmentType.VIDEO && (letter == null || !holdsALink(letter));
	}

	/** Whether these instructions carry a link themselves, so the letter has it without the coach adding one. */
	public boolean carriesALink() {
		// As the letter carries them: a link written as www. is an https:// address there.
		return holdsALink(plain(instructions));
	}

	public boolean shared() {
		return ownerId == null;
	}

	/** The assignment as it stands in a letter: readable as plain text, and as paragraphs in HTML mail. */
	public String asLetterText(String heading, String estimate) {
		return heading + ": " + title + "\n\n" + plain(instructions.strip()) + "\n\n" + estimate;
	}

	/**
	 * A Markdown link or image to a web address: its text, and its target written with http(s):// or www.
	 * (any case), which the page links to https:// ({@link Markdown}).
	 */
	private static final java.util.regex.Pattern WEB_LINK = java.util.regex.Pattern
		.compile("!?\\[([^\\]]+)]\\(((?i:https?://|www\\.)[^)\\s]+)\\)");

	/**
	 * Markdown read as a letter: heading marks and emphasis marks dropped, a link or an image as its text with
	 * the address behind it, one written as www. with https:// before it, as the page links it: in the HTML mail
	 * only an http(s) address is a link (decision 0087).
	 */
	static String plain(String markdown) {
		String text = markdown.replaceAll("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)[ \\t]*#*[ \\t]*$", "$1")
			.replaceAll("\\*\\*(.+?)\\*\\*", "$1")
			.replaceAll("__(.+?)__", "$1");
		return WEB_LINK.matcher(text).replaceAll(link -> java.util.regex.Matcher.quoteReplacement(link.group(1) + " ("
				+ (link.group(2).regionMatches(true, 0, "www.", 0, 4) ? "https://" : "") + link.group(2) + ")"));
	}
}
