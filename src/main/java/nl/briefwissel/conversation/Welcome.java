package nl.briefwissel.conversation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import nl.briefwissel.account.Account;
import nl.briefwissel.LetterLanguage;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The coach's welcome letter, the first message of every trajectory. A coach keeps their own
 * template; placeholders in braces are filled in per participant, in either language's words.
 */
@Component
public class Welcome {

	private static final List<String> DUTCH_PLACEHOLDERS = List.of("{naam}", "{coach}", "{weken}", "{per_week}", "{start}",
			"{antwoorden}");

	private static final List<String> ENGLISH_PLACEHOLDERS = List.of("{name}", "{coach}", "{weeks}", "{per_week}", "{start}",
			"{how_to_answer}");

	/** Every placeholder {@link #letter} fills in, in either language's words. */
	private static final Set<String> PLACEHOLDERS = java.util.stream.Stream.concat(DUTCH_PLACEHOLDERS.stream(),
			ENGLISH_PLACEHOLDERS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

	/**
	 * What is wrong with the braces of a template or a letter: a placeholder nothing fills in (as
	 * written, braces and all), or a brace without its other half. Either would reach the participant
	 * as it stands.
	 */
	public sealed interface Braces {

		/** What a sentence names: the placeholder as written, or nothing for a brace without its other half. */
		default String named() {
			return this instanceof Unknown unknown ? unknown.placeholder() : "";
		}

		record Unknown(String placeholder) implements Braces {
		}

		record Unbalanced() implements Braces {
		}
	}

	private final MessageSource texts;

	Welcome(MessageSource texts) {
		this.texts = texts;
	}

	/**
	 * The standard template, for a coach who has not written their own. How the participant answers
	 * is a placeholder: a programme that keeps letters out of ordinary mail (NTA 7516) does not ask for
	 * an answer to "this mail", and a coach's own template made from this one follows every programme.
	 */
	public String standardTemplate(Locale language) {
		return texts.getMessage("welcome.template", null, language);
	}

	/**
	 * The language a coach's own template is written in, for the {@code lang} of the field that holds it: read
	 * from its words as a participant's letter is (decision 0097), the coach's own language when they do not say.
	 * The standard template's is the language it was read in, and needs no guess.
	 */
	public static Locale languageOf(String template, Locale coachLanguage) {
		return LetterLanguage.of(template, coachLanguage);
	}

	/**
	 * The letter for one participant: {naam}/{name}, {coach}, {weken}/{weeks}, {per_week}, {start}, and
	 * {antwoorden}/{how_to_answer}, the sentence that says how to answer, as the programme sends letters
	 * ({@code byMail}). A template saved before that placeholder has one of the two sentences written out:
	 * the other one takes its place where it is not true.
	 */
	public String letter(String template, String participantName, String coachName, int weeks, int momentsPerWeek,
			LocalDate start, Locale language, boolean byMail) {
		String firstName = Account.firstNameOf(participantName);
		String startText = dayText(start, language);
		String howToAnswer = howToAnswer(byMail, language);
		String letter = template;
		for (Locale written : java.util.List.of(Locale.forLanguageTag("nl"), Locale.ENGLISH)) {
			letter = letter.replace(howToAnswer(!byMail, written), howToAnswer(byMail, written));
		}
		return letter.replace("{naam}", firstName)
			.replace("{name}", firstName)
			.replace("{coach}", coachName)
			.replace("{weken}", Integer.toString(weeks))
			.replace("{weeks}", Integer.toString(weeks))
			.replace("{per_week}", Integer.toString(momentsPerWeek))
			.replace("{start}", startText)
			.replace("{antwoorden}", howToAnswer)
			.replace("{how_to_answer}", howToAnswer);
	}

	/** The placeholders as the help text of a language names them, for a sentence that lists them. */
	public static String placeholders(Locale language) {
		return String.join(", ", "en".equals(language.getLanguage()) ? ENGLISH_PLACEHOLDERS : DUTCH_PLACEHOLDERS);
	}

	/** The first thing in a coach's template that {@link #letter} would leave in braces, if any. */
	public static Optional<Braces> problemInTemplate(String template) {
		return problem(template, PLACEHOLDERS);
	}

	/**
	 * The first thing in braces left in a letter about to be sent: a placeholder is filled in before the
	 * letter is shown, so one still in it (known or not) would reach the participant as it stands.
	 */
	public static Optional<Braces> problemInLetter(String letter) {
		return problem(letter, Set.of());
	}

	private static Optional<Braces> problem(String text, Set<String> known) {
		int open = -1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{') {
				if (open >= 0) {
					return Optional.of(new Braces.Unbalanced());
				}
				open = i;
			}
			else if (c == '}') {
				if (open < 0) {
					return Optional.of(new Braces.Unbalanced());
				}
				String placeholder = text.substring(open, i + 1);
				if (!known.contains(placeholder)) {
					// Named in a sentence: a long stretch between braces is shortened there.
					return Optional.of(new Braces.Unknown(placeholder.length() <= 40 ? placeholder
							: placeholder.substring(0, 36).replace('\n', ' ') + "…}"));
				}
				open = -1;
			}
		}
		return open >= 0 ? Optional.of(new Braces.Unbalanced()) : Optional.empty();
	}

	private String howToAnswer(boolean byMail, Locale language) {
		return texts.getMessage(byMail ? "welcome.howToAnswer" : "welcome.howToAnswer.secure", null, language);
	}

	/**
	 * The letter with another start date: the coach changed the date after the page filled in the
	 * letter, and the letter still names the day it was filled in with. Words the coach wrote
	 * themselves stay as they are.
	 */
	public String withStart(String letter, LocalDate filledIn, LocalDate chosen, Locale language) {
		if (filledIn == null || filledIn.equals(chosen)) {
			return letter;
		}
		return letter.replace(dayText(filledIn, language), dayText(chosen, language));
	}

	private static String dayText(LocalDate day, Locale language) {
		return day.format(DateTimeFormatter.ofPattern("EEEE d MMMM", language));
	}
}
