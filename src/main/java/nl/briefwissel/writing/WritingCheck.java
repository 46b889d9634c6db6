package nl.briefwissel.writing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import nl.briefwissel.AssignmentInLetter;
import nl.briefwissel.BracketedPlaceholders;
import nl.briefwissel.Placeholders;

import org.springframework.stereotype.Service;

/**
 * The writing help's one entry point: checks a draft with the rules of its language. The
 * language is read from the draft itself (a coach may write English to one participant and Dutch
 * to the next); the hint decides when the draft is too short to tell.
 */
@Service
public class WritingCheck {

	private static final Set<String> DUTCH_WORDS = Set.of("de", "het", "een", "en", "je", "ik", "niet", "dat", "van",
			"wat", "op", "te", "voor", "met", "zijn", "maar", "jij", "hoe", "wil", "ook", "dit", "er", "naar", "waarom");

	private static final Set<String> ENGLISH_WORDS = Set.of("the", "a", "and", "you", "i", "not", "that", "of", "what",
			"on", "to", "for", "with", "are", "but", "your", "how", "want", "also", "this", "there", "why", "do");

	/** The finding's rule for a placeholder left in the letter: the one remark that sending does not pass. */
	public static final String PLACEHOLDER = "placeholder";

	/** The finding's rule for what sending holds once to ask about: a place in square brackets left to fill in. */
	public static final String BRACKETED = "bracketed";

	private final RuleSets ruleSets;

	WritingCheck(RuleSets ruleSets) {
		this.ruleSets = ruleSets;
	}

	public WritingReport check(String text, Locale hint) {
		return check(text, hint, List.of());
	}

	/** Checks a draft; {@code programmeJargon} adds the programme's own words to the jargon list. */
	public WritingReport check(String text, Locale hint, List<String> programmeJargon) {
		return check(text, hint, programmeJargon, null);
	}

	/**
	 * As {@link #check(String, Locale, List)}, without remarks on {@code quoted} where it stands in the
	 * draft: words that are not the coach's own, such as an assignment's instructions as they were put
	 * in the letter. Its questions and its "simply" were remarked on in every letter that gave it.
	 */
	public WritingReport check(String text, Locale hint, List<String> programmeJargon, String quoted) {
		String draftText = text == null ? "" : text.replace("\r\n", "\n");
		// The quoted passage is blanked, not only its remarks dropped: rules that count over the letter
		// (questions, je and u, the passive share, the language) count the coach's own words only.
		// Same length, so every finding's place is the same in the text shown. Found as sending finds it
		// (its heading line and its instructions under a heading the coach changed too), and any other whole copy.
		String withoutAssignment = AssignmentInLetter.blanked(draftText, quoted);
		Draft draft = new Draft(blanked(withoutAssignment, quoted));
		RuleSet rules = ruleSets.of(language(draft, hint));
		List<Finding> findings = new ArrayList<>();
		for (Rule rule : Rule.all()) {
			findings.addAll(rule.apply(draft, rules, programmeJargon));
		}
		// A placeholder is no suggestion: sending refuses it, with the same detection (decision 0066). Read in
		// the letter as written, the quoted passage included: one an assignment brought in is refused too.
		for (Placeholders.Placed placed : Placeholders.placed(draftText)) {
			findings.add(new Finding(PLACEHOLDER, placed.start(), placed.end(), "writing.placeholder", List.of(placed.placeholder())));
		}
		// What sending holds once until "Toch versturen" (decision 0114), by the same rule, with the assignment's
		// text taken out once as sending takes it out (AssignmentInLetter): its worksheet is the participant's to
		// fill in. The second reader named none of them, and a checked letter was held at sending all the same.
		for (BracketedPlaceholders.Placed placed : BracketedPlaceholders.placed(withoutAssignment)) {
			findings.add(new Finding(BRACKETED, placed.start(), placed.end(), "writing.bracketed", List.of(placed.bracketed())));
		}
		// Numbered in the order their numbers stand in the text, each after where its finding ends: by start, a long
		// sentence's number (3) stood at its end after those of the words in it (4 to 7).
		findings.sort(Comparator.comparingInt(Finding::end).thenComparing(f -> -f.start()));
		int questions = (int) draft.sentences.stream().filter(Draft.Sentence::question).count();
		List<Draft.Sentence> body = body(draft);
		double average = body.isEmpty() ? 0 : (double) body.stream().mapToInt(s -> s.words().size()).sum() / body.size();
		return new WritingReport(rules.language(), draft.words.size(), draft.sentences.size(),
				Readability.score(body, rules), questions, average, List.copyOf(findings), segments(draftText, findings));
	}

	/**
	 * The sentences between the greeting and the sign-off: the words per sentence and the readability are
	 * those of the letter itself. The greeting (Beste Sanne) and the sign-off (Hartelijke groet) with a name under it counted as three short sentences
	 * and made the average look lighter than the letter reads. A greeting is a first line of a few words that
	 * ends in a comma; a sign-off is such a line with only lines of a few words without a full stop after it.
	 * A letter signed without a sign-off has one or two such lines under its last full sentence, and those are
	 * left out too. A letter that is nothing else keeps all its sentences.
	 */
	static List<Draft.Sentence> body(Draft draft) {
		List<Draft.Sentence> sentences = draft.sentences;
		int from = 0;
		int to = sentences.size();
		if (to > 1 && framing(draft, sentences.get(0))) {
			from = 1;
		}
		// Down to the body's first sentence: a letter of one sentence has its signature under that one.
		for (int i = to - 1; i >= from; i--) {
			Draft.Sentence sentence = sentences.get(i);
			if (i > from && framing(draft, sentence)) {
				to = i;
				break;
			}
			String text = draft.text.substring(sentence.start(), sentence.end());
			if (sentence.words().size() > FRAMING_WORDS || text.endsWith(".") || text.endsWith("?") || text.endsWith("!")) {
				// The letter's last sentence: one or two short lines without a full stop under it are its signature (Kim,
				// or Tot donderdag and a name), as under a sign-off. A name alone counted as a sentence of one word, and a
				// letter of one long sentence read as two of half its length. More such lines are a list, the letter's own.
				if (ends(text) && to - (i + 1) <= SIGNATURE_LINES) {
					to = i + 1;
				}
				break;
			}
		}
		List<Draft.Sentence> body = sentences.subList(from, to);
		return body.isEmpty() ? sentences : body;
	}

	/** The most lines a signature without a sign-off has: a closing word or two, and the name. */
	private static final int SIGNATURE_LINES = 2;

	private static boolean ends(String sentence) {
		return sentence.endsWith(".") || sentence.endsWith("?") || sentence.endsWith("!");
	}

	/** The most words a greeting, a sign-off or the name under it has (Met vriendelijke groet). */
	private static final int FRAMING_WORDS = 4;

	/** A line of a few words of its own that ends in a comma, as Beste Sanne or Hartelijke groet is written. */
	private static boolean framing(Draft draft, Draft.Sentence sentence) {
		String text = draft.text;
		int end = sentence.end();
		int lineStart = text.lastIndexOf('\n', sentence.start() - 1) + 1;
		int lineEnd = text.indexOf('\n', end);
		boolean ownLine = text.substring(lineStart, sentence.start()).isBlank()
				&& text.substring(end, lineEnd < 0 ? text.length() : lineEnd).isBlank();
		return ownLine && sentence.words().size() <= FRAMING_WORDS && text.charAt(end - 1) == ',';
	}

	/** The text with each occurrence of {@code quoted} turned into spaces, its line breaks kept. */
	static String blanked(String text, String quoted) {
		String passage = quoted == null ? "" : quoted.replace("\r\n", "\n").strip();
		if (passage.isEmpty()) {
			return text;
		}
		StringBuilder blanked = new StringBuilder(text);
		for (int at = text.indexOf(passage); at >= 0; at = text.indexOf(passage, at + passage.length())) {
			for (int i = at; i < at + passage.length(); i++) {
				if (blanked.charAt(i) != '\n') {
					blanked.setCharAt(i, ' ');
				}
			}
		}
		return blanked.toString();
	}

	static Locale language(Draft draft, Locale hint) {
		int dutch = 0;
		int english = 0;
		for (Draft.Word word : draft.words) {
			dutch += DUTCH_WORDS.contains(word.lower()) ? 1 : 0;
			english += ENGLISH_WORDS.contains(word.lower()) ? 1 : 0;
		}
		if (dutch == english) {
			return hint == null ? RuleSets.DUTCH : hint;
		}
		return dutch > english ? RuleSets.DUTCH : Locale.ENGLISH;
	}

	/**
	 * Cuts the text at every finding's edges. Where findings overlap (a judging word inside a long
	 * sentence), the innermost one colours the stretch, so every word-level remark stays visible, and each
	 * finding's number follows the stretch where it ends: the word carries its own, the sentence's comes
	 * once at the sentence's end. The innermost alone once numbered each piece: a word with two remarks
	 * showed one, and a long sentence cut by the words in it showed its number on every piece.
	 */
	static List<WritingReport.Segment> segments(String text, List<Finding> findings) {
		List<java.util.SortedSet<Integer>> covering = new ArrayList<>(text.length());
		int[] innermost = new int[text.length()];
		int[] innermostLength = new int[text.length()];
		for (int at = 0; at < text.length(); at++) {
			covering.add(new java.util.TreeSet<>());
		}
		int[] ends = new int[findings.size()];
		for (int i = 0; i < findings.size(); i++) {
			Finding finding = findings.get(i);
			int length = finding.end() - finding.start();
			ends[i] = Math.min(finding.end(), text.length());
			for (int at = Math.max(0, finding.start()); at < ends[i]; at++) {
				covering.get(at).add(i + 1);
				if (innermost[at] == 0 || length < innermostLength[at]) {
					innermost[at] = i + 1;
					innermostLength[at] = length;
				}
			}
		}
		List<WritingReport.Segment> segments = new ArrayList<>();
		int start = 0;
		for (int at = 1; at <= text.length(); at++) {
			if (at == text.length() || !covering.get(at).equals(covering.get(start)) || innermost[at] != innermost[start]) {
				int end = at;
				List<Integer> ending = covering.get(start)
					.stream()
					.filter(number -> ends[number - 1] == end)
					.toList();
				int number = innermost[start];
				segments.add(new WritingReport.Segment(text.substring(start, at), List.copyOf(covering.get(start)),
						number == 0 ? null : findings.get(number - 1).rule(), ending));
				start = at;
			}
		}
		return segments;
	}
}
