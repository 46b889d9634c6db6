package nl.briefwissel.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts what a person did not write themselves from a reply: quoted history, attribution lines,
 * signatures, mobile footers and legal disclaimers. Works on text; HTML mail is turned into text
 * by {@link HtmlText} first, with quotes as {@code >} lines, so both follow the same rules.
 * <p>
 * Errs on the side of keeping: a line is only history when the mail clients' own patterns say so
 * (an attribution line, a separator, or a block of at least three header lines), never because it
 * merely starts like a header ("Van: mijn vader heb ik geleerd…"). A signature separator ("-- ") cuts
 * only a signature that ends the letter: a pasted mail's own, with the person's words below it, is no end
 * of anything (see {@link #cutSignature}). In a new mail nothing that was not the conversation's is cut as
 * a quote: the person pasted it (decision 0059).
 */
final class QuoteTrimmer {

	/** The person's own words and what was cut. */
	record Trimmed(String kept, String cut) {
	}

	// "On Tue, 3 Nov 2026 at 10:12, Anja <a@b> wrote:" (Gmail, Thunderbird, Apple Mail)
	private static final Pattern ATTRIBUTION_EN = Pattern.compile("^\\s*On\\b.{4,300}\\bwrote:\\s*$",
			Pattern.CASE_INSENSITIVE);

	// "Op di 3 nov 2026 om 10:12 schreef Anja <a@b>:" (Gmail, Thunderbird), "Op 3 nov. 2026 om 10:12 heeft
	// Anja het volgende geschreven:" (Apple Mail), "Op dinsdag 3 november … schreef Anja …:" (Yahoo)
	private static final Pattern ATTRIBUTION_NL = Pattern.compile(
			"^\\s*Op\\b.{4,300}\\b(schreef|geschreven|het volgende geschreven)\\b.{0,200}:\\s*$",
			Pattern.CASE_INSENSITIVE);

	// German, French and Spanish clients of participants abroad
	private static final Pattern ATTRIBUTION_OTHER = Pattern.compile(
			"^\\s*(Am\\b.{4,300}\\bschrieb\\b.{0,200}|Le\\b.{4,300}\\ba écrit\\s?|El\\b.{4,300}\\bescribió)\\s*:\\s*$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTION_START = Pattern.compile("^\\s*(On|Op|Am|Le|El)\\s+\\S",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTION_END = Pattern.compile(
			"(wrote|schreef|geschreven|schrieb|a écrit|escribió)\\b[^\\n]{0,200}:\\s*$|(wrote|schreef|geschreven):?\\s*$",
			Pattern.CASE_INSENSITIVE);

	// "-----Original Message-----", "----- Oorspronkelijk bericht -----", Proton's "------- Original Message -------"
	private static final Pattern SEPARATOR = Pattern.compile(
			"^\\s*[-_=]{2,}\\s*(original message|oorspronkelijk bericht|origineel bericht|oorspronkelijke bericht|"
					+ "oorspronkelijk e-mailbericht|ursprüngliche nachricht|message d'origine|reply message|"
					+ "oorspronkelijk mailbericht)\\s*[-_=]{2,}\\s*$",
			Pattern.CASE_INSENSITIVE);

	// Outlook's plain-text rule above the header block
	private static final Pattern UNDERSCORE_RULE = Pattern.compile("^\\s*_{20,}\\s*$");

	// Forwarded on purpose: content the participant chose to send along, never cut
	private static final Pattern FORWARD = Pattern.compile(
			"^\\s*(-{2,}\\s*(forwarded message|doorgestuurd bericht|weitergeleitete nachricht|message transféré)\\s*-{2,}|"
					+ "begin forwarded message:|begin doorgestuurd bericht:|doorgestuurd bericht:)\\s*$",
			Pattern.CASE_INSENSITIVE);

	static final Pattern HEADER_LINE = Pattern.compile(
			"^\\s*\\*?\\s*(van|from|verzonden|sent|datum|date|aan|to|onderwerp|subject|cc|bcc|beantwoorden|reply-to|"
					+ "gesendet|von|an|betreff|objet|de|envoyé|à)\\s*:\\s*\\*?\\s*(.*)$",
			Pattern.CASE_INSENSITIVE);

	static final Set<String> FROM_KEYS = Set.of("van", "from", "von", "de");

	private static final Set<String> DATE_KEYS = Set.of("verzonden", "sent", "datum", "date", "gesendet", "envoyé");

	private static final Set<String> SUBJECT_OR_DATE_KEYS = Set.of("onderwerp", "subject", "betreff", "objet",
			"verzonden", "sent", "datum", "date", "gesendet", "envoyé");

	private static final Pattern MOBILE_FOOTER = Pattern.compile("^\\s*("
			+ "(verzonden|verstuurd|gestuurd) (vanaf|vanuit|met|via) (mijn )?.{0,60}|"
			+ "sent (from|with|via) (my )?.{0,60}|"
			+ "get outlook for (android|ios)|download outlook (for|voor) (android|ios)|"
			+ "outlook voor (android|ios) downloaden|"
			+ "von meinem .{0,40} gesendet|envoyé de mon .{0,40}"
			+ ")\\s*(<https?://[^>\\s]+>)?\\s*$", Pattern.CASE_INSENSITIVE);

	// A footer names the device or the mail app; "Verstuurd via Indeed: 4 sollicitaties" names neither.
	private static final Pattern FOOTER_DEVICE = Pattern.compile("\\b(iphone|ipad|ios|android|samsung|galaxy|"
			+ "smartphone|phone|telefoon|mobiel|mobile|tablet|handy|outlook|gmail|proton|yahoo|icloud|windows|"
			+ "blackberry|huawei|xiaomi|pixel|oneplus|nokia|motorola|xperia|fairphone)\\b", Pattern.CASE_INSENSITIVE);

	/** Mail apps put their footer at the very end of what the person wrote: only the last lines are looked at. */
	private static final int FOOTER_LINES = 3;

	private static final Pattern DISCLAIMER = Pattern.compile("("
			+ "^\\s*disclaimer\\b|"
			+ "dit (e-?mail)?bericht (kan|is) .{0,60}(informatie|uitsluitend|vertrouwelijk|bestemd)|"
			+ "uitsluitend bestemd voor de geadresseerde|"
			+ "indien u niet de (beoogde )?geadresseerde bent|"
			+ "aan (de inhoud van )?dit (e-?mail)?bericht kunnen geen rechten|"
			+ "(aanvaardt|accepteert) geen (enkele )?aansprakelijkheid|"
			+ "this e-?mail (message )?(and any attachments )?(is|may contain|contains) .{0,40}(confidential|privileged|intended)|"
			+ "if you are not the intended recipient|"
			+ "if you have received this (e-?mail|message|communication) in error|"
			+ "accepts? no (responsibility|liability)|"
			+ "(is|are) intended (solely|only|exclusively) for the|"
			+ "(abusievelijk|ten onrechte|per vergissing) (heeft |hebt )?ontvangen|"
			+ "the information (contained )?in this (e-?mail|message) is (strictly )?confidential"
			+ ")", Pattern.CASE_INSENSITIVE);

	private QuoteTrimmer() {
	}

	// "FW:", "Fwd:", "Doorst:" (Outlook in Dutch), "WG:", "TR:", "RV:" first: forwarded, not answered.
	private static final Pattern FORWARD_SUBJECT = Pattern.compile("^\\s*(fw|fwd|doorst|wg|tr|rv)\\s*:",
			Pattern.CASE_INSENSITIVE);

	// "Re:", "Antw:" (Outlook in Dutch), "AW:", "SV:", "Réf:", "R:": answered, as the headers may not say.
	private static final Pattern REPLY_SUBJECT = Pattern.compile("^\\s*(re|antw|aw|sv|vs|ref|réf|r|odp)\\s*(\\[\\d+])?\\s*:",
			Pattern.CASE_INSENSITIVE);

	static Trimmed trim(String text) {
		return trim(text, null);
	}

	/**
	 * {@code subject} may be null. Outlook quotes a mail it forwards exactly as one it answers (the rule,
	 * the Van/Verzonden block, divRplyFwdMsg in HTML), so only the subject tells a forward: what was
	 * forwarded is the participant's material, kept as a forward from Gmail or Apple Mail is.
	 */
	static Trimmed trim(String text, String subject) {
		return trim(text, subject, List.of(), null);
	}

	/**
	 * {@code ours} names how Briefwissel shows in a quote's header, in lower case: the reply address's
	 * domain ({@code @briefwissel.nl}), the sending address, {@code via Briefwissel}; {@code sender} is
	 * the mail's sender, who may quote a letter of their own (may be null). When a quote further down is
	 * this conversation's and the first is not, the first is something the person pasted into their own
	 * words (a manager's mail they write about), and is kept with what they wrote below it (decision 0059).
	 */
	static Trimmed trim(String text, String subject, Collection<String> ours, String sender) {
		return trim(text, subject, ours, sender, true);
	}

	/**
	 * {@code answering}: whether the mail's headers say it answers a mail (In-Reply-To or References). A
	 * new mail, which neither they nor its subject ("Re:", "Antw:") say answers one, quotes nothing by
	 * itself: a quote in it that is not the conversation's was pasted by the person and is kept, whether
	 * they wrote below it or it ends the mail, and so are {@code >} lines no attribution names (decision
	 * 0059, notes). Only when how Briefwissel shows in a quote is known ({@code ours}): without it no quote
	 * can be told to be not the conversation's, and quotes are cut as in a reply.
	 */
	static Trimmed trim(String text, String subject, Collection<String> ours, String sender, boolean answering) {
		return trim(text, subject, ours, sender, answering, null);
	}

	/**
	 * {@code senderName}: the name in the mail's From header (may be null). A mail program may name a writer
	 * by name alone in a quote header ({@code Op 7 dec. schreef Sanne Bakker:}), so the sender's own letter
	 * they quote is known by it as well as by their address.
	 */
	static Trimmed trim(String text, String subject, Collection<String> ours, String sender, boolean answering,
			String senderName) {
		List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
		List<String> kept = new ArrayList<>(lines);
		List<String> cut = new ArrayList<>();

		boolean forwarded = subject != null && FORWARD_SUBJECT.matcher(subject).lookingAt();
		boolean newMail = !answering && (subject == null || !REPLY_SUBJECT.matcher(subject).lookingAt());
		boolean pastedKept = newMail && !ours.isEmpty();
		Writers writers = Writers.of(ours, sender, senderName);
		int history = forwarded ? -1 : historyStart(kept, writers, pastedKept);
		if (history >= 0) {
			int attributionLines = isAttribution(kept, history, writers);
			int lastAnswer = attributionLines > 0 ? lastInterleavedAnswer(kept, history + attributionLines, writers) : -1;
			if (lastAnswer > 0) {
				// Answers below the quote: keep them, drop the attribution and whatever follows the last answer.
				cut.addAll(kept.subList(history, history + attributionLines));
				cut.addAll(kept.subList(lastAnswer + 1, kept.size()));
				List<String> answered = new ArrayList<>(kept.subList(0, history));
				answered.addAll(kept.subList(history + attributionLines, lastAnswer + 1));
				kept = answered;
			}
			else {
				cut.addAll(kept.subList(history, kept.size()));
				kept = new ArrayList<>(kept.subList(0, history));
			}
		}
		if (!pastedKept) {
			kept = cutBottomPostedQuote(kept, cut);
			kept = cutTrailingQuote(kept, cut);
		}
		kept = cutSignature(kept, cut);
		// Disclaimers first: a gateway appends one below the footer, which then is the last line again.
		kept = cutDisclaimer(kept, cut);
		kept = cutMobileFooters(kept, cut);
		return new Trimmed(join(kept), join(cut));
	}

	/**
	 * Index of the first line of this conversation's quoted history, or -1: the first quote, unless a
	 * quote below it is the conversation's and it is not (then that one).
	 */
	private static int historyStart(List<String> lines, Writers writers, boolean pastedKept) {
		int first = historyStart(lines, 0, writers);
		if (first < 0 || writers.ours().isEmpty() || ofTheConversation(lines, first, writers)) {
			return first;
		}
		for (int next = historyStart(lines, first + 1, writers); next >= 0; next = historyStart(lines, next + 1, writers)) {
			if (ofTheConversation(lines, next, writers)) {
				return next;
			}
		}
		// No quote of the conversation at all. In a reply it is the mail answered, someone else's, cut as
		// before; a new mail's was pasted, with the words below it if any (the person's or the pasted mail's,
		// which an unmarked quote does not tell apart: both stay, the person chose to send them).
		return pastedKept ? -1 : first;
	}

	/** The quote's first line after its separator line ("-----Original Message-----", a rule), if it has one; -1 if none follows. */
	private static int pastSeparator(List<String> lines, int start) {
		return SEPARATOR.matcher(lines.get(start)).matches() || UNDERSCORE_RULE.matcher(lines.get(start)).matches()
				? nextNonBlank(lines, start + 1) : start;
	}

	private static final Set<String> TO_KEYS = Set.of("aan", "to", "cc", "an", "à");

	/**
	 * Whether the quote starting at {@code start} is a mail of the conversation: from Briefwissel or the
	 * sender (its attribution, or its header block's sender line, names one), or sent to Briefwissel (a
	 * To or Cc line names it: a letter of the participant's that someone else quotes). The sender counts
	 * in the sender line alone: a manager's mail the person pastes was sent to them.
	 */
	private static boolean ofTheConversation(List<String> lines, int start, Writers writers) {
		List<Pattern> ours = writers.ours();
		List<Pattern> sender = writers.sender();
		int i = pastSeparator(lines, start);
		if (i < 0) {
			return false;
		}
		int attributionLines = isAttribution(lines, i, writers);
		if (attributionLines > 0) {
			String attribution = String.join(" ", lines.subList(i, i + attributionLines).stream().map(QuoteTrimmer::stripQuote).toList());
			return names(attribution, ours) || names(attribution, sender);
		}
		for (int j = i; j < Math.min(lines.size(), i + HEADER_BLOCK_MAX_LINES); j++) {
			Matcher header = HEADER_LINE.matcher(stripQuote(lines.get(j)));
			if (!header.matches()) {
				break;
			}
			String key = header.group(1).toLowerCase(Locale.ROOT);
			boolean from = FROM_KEYS.contains(key);
			if ((from || TO_KEYS.contains(key)) && names(header.group(2), ours) || from && names(header.group(2), sender)) {
				return true;
			}
		}
		return false;
	}

	private static boolean names(String text, List<Pattern> names) {
		return names.stream().anyMatch(name -> name.matcher(text).find());
	}

	// Unicode white space, U+00A0 and the other non-breaking spaces among it: Java's \s is ASCII only.
	private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");

	/**
	 * A name with each run of white space one space, and none at its ends. Any Unicode white space: a From
	 * header's name of non-breaking spaces alone was no blank to {@code String.strip}, and its pattern was
	 * found in every quote header.
	 */
	private static String spaced(String name) {
		return WHITE_SPACE.matcher(name).replaceAll(" ").strip();
	}

	/**
	 * A name as whole words, in any case: a from-name such as {@code Loopbaan} must not be found in
	 * {@code loopbaanadviseur}, nor an address in a longer one. A name of several words is found as the
	 * whole phrase, however the spaces between its words were wrapped. Only an edge that is a letter or
	 * a digit asks for a boundary: {@code @briefwissel.nl} follows the local part of a reply address.
	 */
	static Pattern wholeWords(String name) {
		String stripped = spaced(name);
		boolean address = stripped.indexOf('@') >= 0;
		StringBuilder pattern = new StringBuilder();
		if (isWordChar(stripped.codePointAt(0))) {
			// Inside an address a dot, plus or hyphen joins: anja@x.nl is not the end of sanne.anja@x.nl.
			pattern.append(address ? "(?<![\\p{L}\\p{N}\\p{M}._%+-])" : "(?<![\\p{L}\\p{N}\\p{M}])");
		}
		pattern.append(String.join(WHITE_SPACE.pattern(), Arrays.stream(WHITE_SPACE.split(stripped)).map(Pattern::quote).toList()));
		if (isWordChar(stripped.codePointBefore(stripped.length()))) {
			pattern.append(address ? "(?![\\p{L}\\p{N}\\p{M}_-]|\\.[\\p{L}\\p{N}])" : "(?![\\p{L}\\p{N}\\p{M}])");
		}
		return Pattern.compile(pattern.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	private static boolean isWordChar(int c) {
		return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
				|| Character.getType(c) == Character.COMBINING_SPACING_MARK;
	}

	/** Index of the first line of quoted history from {@code from} on, or -1. A forward on purpose ends the search. */
	private static int historyStart(List<String> lines, int from, Writers writers) {
		for (int i = from; i < lines.size(); i++) {
			String line = lines.get(i);
			if (FORWARD.matcher(line).matches()) {
				return -1;
			}
			if (SEPARATOR.matcher(line).matches() || isAttribution(lines, i, writers) > 0) {
				return i;
			}
			if (UNDERSCORE_RULE.matcher(line).matches() && headerBlockAt(lines, nextNonBlank(lines, i + 1))) {
				return i;
			}
			if (headerBlockAt(lines, i)) {
				return i;
			}
		}
		return -1;
	}

	/** How many lines an attribution starting at {@code i} takes (clients wrap it over two or three), or 0. */
	private static int isAttribution(List<String> lines, int i, Writers writers) {
		String line = stripQuote(lines.get(i));
		// Every attribution starts with "On", "Op", "Am", "Le" or "El": a cheap test first, as this
		// runs for every line of every mail.
		if (line.isBlank() || !ATTRIBUTION_START.matcher(line).lookingAt()) {
			return 0;
		}
		if (ATTRIBUTION_EN.matcher(line).matches() || ATTRIBUTION_NL.matcher(line).matches()
				|| ATTRIBUTION_OTHER.matcher(line).matches()) {
			return readsAsAttribution(lines, i, 1, line, writers) ? 1 : 0;
		}
		if (line.length() > 300) {
			return 0;
		}
		String joined = line;
		for (int extra = 1; extra <= 2 && i + extra < lines.size(); extra++) {
			String next = stripQuote(lines.get(i + extra));
			if (next.isBlank()) {
				return 0;
			}
			joined = joined + " " + next.trim();
			if (ATTRIBUTION_EN.matcher(joined).matches() || ATTRIBUTION_NL.matcher(joined).matches()
					|| ATTRIBUTION_OTHER.matcher(joined).matches()
					|| (ATTRIBUTION_END.matcher(next).find() && joined.length() < 400
							&& (looksLikeDate(joined) || DAY_AND_MONTH.matcher(joined).find()))) {
				return readsAsAttribution(lines, i, extra + 1, joined, writers) ? extra + 1 : 0;
			}
		}
		return 0;
	}

	private static final Pattern DATE_HINT = Pattern.compile("\\d{1,4}[-/. :]\\d{1,2}|\\b(19|20)\\d\\d\\b");

	// The quote marker as mail clients write it: ">" followed by a space, another ">" or nothing
	private static final Pattern QUOTE_MARKER = Pattern.compile("^>(\\s|\u00a0|>|$)");

	private static final Pattern TIME_OF_DAY = Pattern.compile("\\b\\d{1,2}[:.]\\d{2}\\b");

	// A day and a month without year or time, as a client writes a date of this year: "Op 7 dec. schreef
	// Briefwissel:", "Op ma 7 dec. schreef…", "On Dec 7, … wrote:". Dutch and English months in full and
	// abbreviated, with or without the dot (sep. and sept.). The day must stand beside the month: "Op maandag
	// schreef ik je" names no date. A person writes a date so too ("Op 7 mei schreef mijn leidinggevende:",
	// "Datum: 7 mei" in a block they paste): only in an attribution that names Briefwissel or the mail's
	// sender, and never in a header block (see readsAsAttribution).
	private static final String MONTH = "(jan(uari|uary)?|feb(ruari|ruary)?|mrt|maart|mar(ch)?|apr(il)?|mei|may|"
			+ "jun[ie]?|jul[iy]?|aug(ustus|ust)?|sep(t(ember)?)?|okt(ober)?|oct(ober)?|nov(ember)?|dec(ember)?)\\b\\.?";

	private static final Pattern DAY_AND_MONTH = Pattern.compile(
			"\\b(\\d{1,2}\\.?\\s+" + MONTH + "|" + MONTH + "\\s+\\d{1,2}\\b)", Pattern.CASE_INSENSITIVE);

	/** A date with a year or with digits on both sides of a separator: as a mail program writes it. */
	private static boolean looksLikeDate(String text) {
		return DATE_HINT.matcher(text).find();
	}

	/**
	 * Who may have written a quoted mail of the conversation, lower case: how Briefwissel shows in a quote
	 * ({@code ours}, and the sender's name of a mail of no person: the name after {@code via}), and the
	 * mail's sender (address and name). Only an attribution with a day and month and no year must name one
	 * of them. Each as whole words ({@link #wholeWords}).
	 */
	private record Writers(List<Pattern> ours, List<Pattern> sender, List<Pattern> names) {

		static final Writers NONE = new Writers(List.of(), List.of(), List.of());

		static Writers of(Collection<String> ours, String sender, String senderName) {
			Set<String> names = new java.util.LinkedHashSet<>(ours);
			// "via briefwissel": a mail of no person is from "Briefwissel" alone ("Op 7 dec. schreef Briefwissel:").
			ours.stream().filter(name -> name.startsWith("via ")).map(name -> spaced(name.substring(4)))
				.filter(name -> name.length() >= 3).forEach(names::add);
			Set<String> senders = new java.util.LinkedHashSet<>();
			if (sender != null && !sender.isBlank()) {
				senders.add(sender.toLowerCase(Locale.ROOT));
			}
			// Two letters name nobody: an initial or a nickname would be found in too many sentences.
			String name = senderName == null ? "" : spaced(senderName);
			if (name.length() >= 3) {
				senders.add(name.toLowerCase(Locale.ROOT));
			}
			names.addAll(senders);
			// Ours and the sender's are among names as well: each name compiled once a mail, not once a list.
			Map<String, Pattern> compiled = new HashMap<>();
			return new Writers(patterns(ours, compiled), patterns(senders, compiled), patterns(names, compiled));
		}

		private static List<Pattern> patterns(Collection<String> names, Map<String, Pattern> compiled) {
			return names.stream()
				.map(QuoteTrimmer::spaced)
				.filter(name -> !name.isEmpty())
				.map(name -> compiled.computeIfAbsent(name, QuoteTrimmer::wholeWords))
				.toList();
		}

		boolean namedIn(String text) {
			return QuoteTrimmer.names(text, names);
		}
	}

	/**
	 * Whether a line shaped like an attribution is one. Mail clients always write the date, and
	 * quote below it or, as Yahoo does without quoting, the time of day as well. A sentence such as
	 * «Op basis van wat ik eerder schreef, denk ik het volgende:» or «On Friday the recruiter wrote:»
	 * is the person's own, and what follows it their own text. (Not in straight quotes: Spring
	 * Modulith's reader of these comments takes a straight quote before a comma for the end of one.)
	 */
	private static boolean readsAsAttribution(List<String> lines, int i, int attributionLines, String attribution,
			Writers writers) {
		// A day and month without a year: a person writes a date so as well («Op 7 mei schreef mijn
		// leidinggevende:»), so only one that names Briefwissel or the sender (review of session 47).
		if (!looksLikeDate(attribution) && !(DAY_AND_MONTH.matcher(attribution).find() && writers.namedIn(attribution))) {
			return false;
		}
		// Date, time and the writer's address: no sentence of one's own («Op 12 maart om 14:30 schreef mijn
		// leidinggevende:» is one); without the address (Thunderbird) the quote marks below decide.
		if (TIME_OF_DAY.matcher(attribution).find() && attribution.indexOf('@') > 0) {
			return true;
		}
		int next = nextNonBlank(lines, i + attributionLines);
		return next >= 0 && isMarkedQuote(lines.get(next));
	}

	/** No mail program's header block is longer. */
	private static final int HEADER_BLOCK_MAX_LINES = 40;

	/**
	 * Three or more header lines in a row, with a sender and a subject or date among them: the block
	 * Outlook, Android and webmail put above the quoted message.
	 */
	private static boolean headerBlockAt(List<String> lines, int start) {
		if (start < 0 || start >= lines.size()) {
			return false;
		}
		// A block starts with its sender: asked first, as this runs for every line of a letter.
		Matcher first = HEADER_LINE.matcher(stripQuote(lines.get(start)));
		if (!first.matches() || !FROM_KEYS.contains(first.group(1).toLowerCase(Locale.ROOT))) {
			return false;
		}
		Set<String> keys = new java.util.HashSet<>();
		// A mail program's block names an address or the date it was sent; a draft the participant pastes
		// into their letter ("Van: Sanne / Aan: Gemeente Utrecht / Onderwerp: Sollicitatie") does neither.
		boolean addressOrDate = false;
		int i = start;
		// No mail program's block is longer: a letter of header-like lines was read to its end from each line.
		int end = Math.min(lines.size(), start + HEADER_BLOCK_MAX_LINES);
		while (i < end && lines.get(i).indexOf(':') > 0) {
			Matcher header = HEADER_LINE.matcher(stripQuote(lines.get(i)));
			if (!header.matches()) {
				break;
			}
			String key = header.group(1).toLowerCase(Locale.ROOT);
			keys.add(key);
			addressOrDate |= header.group(2).indexOf('@') > 0 || (DATE_KEYS.contains(key) && looksLikeDate(header.group(2)));
			i++;
		}
		if (!addressOrDate) {
			return false;
		}
		if (keys.size() < 3) {
			return false;
		}
		return keys.stream().anyMatch(SUBJECT_OR_DATE_KEYS::contains);
	}

	/**
	 * After an attribution, a reply can answer between the quoted lines. Returns the index of the
	 * last line of the person's own text after quoted lines, or -1 when nothing was answered inline.
	 */
	private static int lastInterleavedAnswer(List<String> lines, int from, Writers writers) {
		boolean[] quoted = quotedLines(lines);
		boolean sawQuote = false;
		int lastAnswer = -1;
		for (int i = from; i < lines.size(); i++) {
			String line = lines.get(i);
			if (quoted[i]) {
				sawQuote = true;
			}
			else if (!line.isBlank() && sawQuote) {
				if (isSignatureStart(line) || isMobileFooter(line) || isAttribution(lines, i, writers) > 0
						|| SEPARATOR.matcher(line).matches()) {
					break;
				}
				lastAnswer = i;
			}
			else if (!line.isBlank() && !sawQuote) {
				// Text right after the attribution that is not quoted: not a quote-and-answer reply.
				return -1;
			}
		}
		return lastAnswer;
	}

	/**
	 * One quoted block followed by the answer is a bottom-posted reply: the whole quote is history.
	 * Two or more quoted blocks each followed by an answer are interleaved answers: all are kept.
	 */
	private static List<String> cutBottomPostedQuote(List<String> lines, List<String> cut) {
		int answeredQuotes = 0;
		int firstQuote = -1;
		int firstQuoteEnd = -1;
		boolean inQuote = false;
		boolean textBeforeFirstQuote = false;
		boolean[] quoted = quotedLines(lines);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (quoted[i]) {
				if (!inQuote && firstQuote < 0) {
					firstQuote = i;
				}
				inQuote = true;
			}
			else if (!line.isBlank()) {
				if (inQuote) {
					answeredQuotes++;
					if (firstQuoteEnd < 0) {
						firstQuoteEnd = i;
					}
				}
				else if (firstQuote < 0) {
					textBeforeFirstQuote = true;
				}
				inQuote = false;
			}
		}
		if (answeredQuotes != 1 || textBeforeFirstQuote) {
			return lines;
		}
		cut.addAll(lines.subList(firstQuote, firstQuoteEnd));
		List<String> kept = new ArrayList<>(lines.subList(0, firstQuote));
		kept.addAll(lines.subList(firstQuoteEnd, lines.size()));
		return kept;
	}

	private static List<String> cutTrailingQuote(List<String> lines, List<String> cut) {
		boolean[] quoted = quotedLines(lines);
		int end = lines.size();
		while (end > 0 && (lines.get(end - 1).isBlank() || quoted[end - 1])) {
			end--;
		}
		boolean anyQuoted = false;
		for (int i = end; i < lines.size(); i++) {
			anyQuoted |= quoted[i];
		}
		if (!anyQuoted) {
			return lines;
		}
		cut.addAll(0, lines.subList(end, lines.size()));
		return new ArrayList<>(lines.subList(0, end));
	}

	/**
	 * The signature, from its separator line to the end, when it ends the letter. A separator line alone
	 * does not make one: a mail the person pasted brings its own ("-- " and the manager's name) with the
	 * person's words below it, and a person may draw one between two answers. So a separator cuts only
	 * what reads as a signature that ends the letter ({@link #readsAsSignature}); when unsure, the text
	 * stays, as the person's words must never be lost for a signature that is not cut. A later separator
	 * (their own, below what they wrote) is then looked at in its turn.
	 */
	private static List<String> cutSignature(List<String> lines, List<String> cut) {
		int end = lines.size();
		while (end > 0 && lines.get(end - 1).isBlank()) {
			end--;
		}
		// Where a mail pasted into the letter starts (a header block, attribution or forward line kept as the
		// person's), asked once and only when a separator asks for it.
		int pastedMail = -2;
		for (int i = 0; i < end; i++) {
			// "--" without the space inside a paragraph is a dash a person typed, not a separator.
			boolean insideParagraph = lines.get(i).equals("--") && i > 0 && !lines.get(i - 1).isBlank();
			// Further from the end than a signature and its footers reach: text of the letter, never cut.
			if (!isSignatureStart(lines.get(i)) || insideParagraph || end - i > SIGNATURE_END_LINES) {
				continue;
			}
			if (pastedMail == -2) {
				pastedMail = pastedMailStart(lines);
			}
			if (readsAsSignature(lines.subList(i + 1, end), pastedMail >= 0 && pastedMail < i)) {
				cut.addAll(0, lines.subList(i, lines.size()));
				return new ArrayList<>(lines.subList(0, i));
			}
		}
		return lines;
	}

	/** The first line of a mail quoted, pasted or forwarded in what is kept of the letter, or -1. */
	private static int pastedMailStart(List<String> lines) {
		// Who wrote a mail here is not known: only an attribution with a full date counts.
		int quote = historyStart(lines, 0, Writers.NONE);
		if (quote >= 0) {
			return quote;
		}
		for (int i = 0; i < lines.size(); i++) {
			if (FORWARD.matcher(lines.get(i)).matches()) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Whether the lines below a separator are a signature that ends the letter: its block (name, role,
	 * phone, an address: at most ten lines, none a question, none prose of several words ending a
	 * sentence), then nothing but disclaimers, device footers and short paragraphs without a sentence (the
	 * company and its address). A paragraph below the block that says a sentence is a letter going on: the
	 * person writing below a pasted mail's signature, or below their own. Below a mail pasted into the
	 * letter ({@code belowAPastedMail}: its header block, attribution or forward line stands above the
	 * separator) the separator is the pasted mail's until the end shows otherwise, and every paragraph
	 * below its block but a disclaimer or a device footer is the person's own.
	 */
	private static boolean readsAsSignature(List<String> lines, boolean belowAPastedMail) {
		int written = 0;
		boolean block = true;
		boolean footer = false;
		for (int i = nextNonBlank(lines, 0); i >= 0; ) {
			List<String> paragraph = paragraph(lines, i);
			i = nextNonBlank(lines, i + paragraph.size());
			if (paragraph.stream().anyMatch(line -> DISCLAIMER.matcher(line).find() || isMobileFooter(line.strip()))) {
				// The footer below the signature, cut after it anyway.
				footer = true;
				block = false;
				continue;
			}
			if (!block && (belowAPastedMail || paragraph.stream().anyMatch(QuoteTrimmer::isSentence))) {
				return false;
			}
			for (String line : paragraph) {
				String stripped = line.strip();
				if (stripped.endsWith("?") || isProse(stripped) || !footer && ++written > SIGNATURE_LINES) {
					return false;
				}
			}
			// What follows a footer is the footer's own (an address line) only when short.
			if (footer && paragraph.stream().mapToInt(String::length).sum() >= 80) {
				return false;
			}
			block = false;
		}
		return true;
	}

	/** Several words that end as a sentence does, or more than a signature line says in one. */
	private static boolean isProse(String line) {
		return line.split("\\s+").length >= 8 && (line.contains(". ") || line.endsWith(".") || line.endsWith("!"));
	}

	/** Words that end as a sentence does: "Ik schrik hier nogal van." is the person's, a phone number is not. */
	private static boolean isSentence(String line) {
		String stripped = line.strip();
		return stripped.indexOf(' ') > 0 && (stripped.endsWith(".") || stripped.endsWith("!") || stripped.endsWith("?"));
	}

	/** From a separator to the last written line: a signature's block and its footers and disclaimers reach no further. */
	private static final int SIGNATURE_END_LINES = 60;

	private static final int SIGNATURE_LINES = 10;

	/** RFC 3676's "-- " line; many clients strip the space, so a line of just "--" counts too. */
	private static boolean isSignatureStart(String line) {
		return line.equals("-- ") || line.equals("--") || line.equals("-- \u00a0");
	}

	private static List<String> cutMobileFooters(List<String> lines, List<String> cut) {
		List<String> kept = new ArrayList<>(lines);
		List<String> removed = new ArrayList<>();
		int seen = 0;
		for (int i = kept.size() - 1; i >= 0 && seen < FOOTER_LINES; i--) {
			if (kept.get(i).isBlank()) {
				continue;
			}
			seen++;
			if (isMobileFooter(kept.get(i))) {
				removed.add(0, kept.remove(i));
			}
		}
		cut.addAll(0, removed);
		return kept;
	}

	/** A whole short line such as "Verzonden vanaf mijn iPhone", never a sentence that merely starts like one. */
	private static boolean isMobileFooter(String line) {
		return line.length() < 120 && mayBeFooter(line) && MOBILE_FOOTER.matcher(line).matches()
				&& FOOTER_DEVICE.matcher(line).find();
	}

	/** A disclaimer paragraph and everything below it, when it sits in the last part of the mail. */
	private static List<String> cutDisclaimer(List<String> lines, List<String> cut) {
		int paragraphStart = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) {
				paragraphStart = i + 1;
				continue;
			}
			if (paragraphStart > 0 && mayBeDisclaimer(lines.get(i)) && DISCLAIMER.matcher(lines.get(i)).find()
					&& readsAsDisclaimer(paragraph(lines, paragraphStart))
					&& onlyFooterAfter(lines, paragraphStart + paragraph(lines, paragraphStart).size())) {
				cut.addAll(0, lines.subList(paragraphStart, lines.size()));
				return new ArrayList<>(lines.subList(0, paragraphStart));
			}
		}
		return lines;
	}

	/**
	 * Whether what follows the disclaimer is the footer's own (the disclaimer again in another language,
	 * an address line): a disclaimer pasted in the middle of a letter (a rejection the participant
	 * quotes) is followed by their own words, a question to the coach, which are kept.
	 */
	private static boolean onlyFooterAfter(List<String> lines, int from) {
		int i = from;
		while (i < lines.size()) {
			if (lines.get(i).isBlank()) {
				i++;
				continue;
			}
			List<String> next = paragraph(lines, i);
			boolean disclaimer = next.stream().anyMatch(line -> DISCLAIMER.matcher(line).find());
			int length = next.stream().mapToInt(String::length).sum();
			boolean shortLine = length < 80 && next.stream().noneMatch(line -> line.strip().endsWith("?"));
			if (!disclaimer && !shortLine) {
				return false;
			}
			i += next.size();
		}
		return true;
	}

	/** The lines of the paragraph that starts here, up to the next blank line. */
	private static List<String> paragraph(List<String> lines, int start) {
		int end = start;
		while (end < lines.size() && !lines.get(end).isBlank()) {
			end++;
		}
		return lines.subList(start, end);
	}

	/**
	 * Whether a paragraph is a disclaimer and not a person's letter that happens to say "dit bericht is
	 * vertrouwelijk": a disclaimer says two of its stock phrases (addressee, rights, liability,
	 * confidentiality) in one paragraph, or announces itself. Counted in the paragraph alone, so that a
	 * company footer further down does not make the letter's own paragraph a disclaimer. One phrase
	 * leaves the words in the letter, where a stray disclaimer costs a reader a glance and a cut
	 * sentence would cost the coach the letter.
	 */
	private static boolean readsAsDisclaimer(List<String> rest) {
		String text = String.join(" ", rest);
		if (text.strip().toLowerCase(java.util.Locale.ROOT).startsWith("disclaimer")) {
			return true;
		}
		java.util.regex.Matcher phrases = DISCLAIMER.matcher(text);
		int found = 0;
		while (phrases.find()) {
			found++;
		}
		return found >= 2;
	}

	private static final List<String> DISCLAIMER_WORDS = List.of("disclaimer", "bestemd", "geadresseerde", "rechten",
			"informatie", "uitsluitend", "vertrouwelijk",
			"aansprakelijkheid", "confidential", "intended", "privileged");

	private static final List<String> FOOTER_WORDS = List.of("sent", "verzonden", "verstuurd", "gestuurd", "outlook",
			"gesendet", "envoy");

	private static boolean mayBeDisclaimer(String line) {
		String lower = line.toLowerCase(Locale.ROOT);
		return DISCLAIMER_WORDS.stream().anyMatch(lower::contains);
	}

	private static boolean mayBeFooter(String line) {
		String lower = line.toLowerCase(Locale.ROOT);
		return FOOTER_WORDS.stream().anyMatch(lower::contains);
	}

	/**
	 * Which lines are quoted history. Clients quote with ">" and a space, another ">" or nothing after
	 * it; ">32 uur per week" or ">€3.200 bruto" is the person's own "more than". A client that quotes
	 * without the space still writes such a marker somewhere in the block (the empty ">" between
	 * paragraphs), so a block of ">" lines counts as quoted when one of its lines is marked so.
	 */
	private static boolean[] quotedLines(List<String> lines) {
		boolean[] quoted = new boolean[lines.size()];
		int start = 0;
		while (start < lines.size()) {
			if (!lines.get(start).startsWith(">")) {
				start++;
				continue;
			}
			int end = start;
			boolean marked = false;
			while (end < lines.size() && lines.get(end).startsWith(">")) {
				marked |= isMarkedQuote(lines.get(end));
				end++;
			}
			Arrays.fill(quoted, start, end, marked);
			start = end;
		}
		return quoted;
	}

	private static boolean isMarkedQuote(String line) {
		return QUOTE_MARKER.matcher(line).lookingAt();
	}

	static String stripQuote(String line) {
		// By index: a copy per '>' was quadratic on a line of half a million of them.
		int at = 0;
		while (at < line.length() && line.charAt(at) == '>') {
			at++;
			while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
				at++;
			}
		}
		return at == 0 ? line : line.substring(at);
	}

	private static int nextNonBlank(List<String> lines, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (!lines.get(i).isBlank()) {
				return i;
			}
		}
		return -1;
	}

	private static String join(List<String> lines) {
		return String.join("\n", lines).strip();
	}
}
