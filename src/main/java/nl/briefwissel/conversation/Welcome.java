package nl.briefwissel.conversation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The coach's welcome letter, the first message of every trajectory. A coach keeps their own
 * template; placeholders in braces are filled in per participant, in either language's words.
 */
@Component
public class Welcome {

	private final MessageSource texts;

	Welcome(MessageSource texts) {
		this.texts = texts;
	}

	/**
	 * The standard template, for a coach who has not written their own. {@code byMail}: whether the
	 * programme's letters go by ordinary mail; one that keeps them out of it (NTA 7516) does not ask for
	 * an answer to "this mail".
	 */
	public String standardTemplate(Locale language, boolean byMail) {
		return texts.getMessage(byMail ? "welcome.template" : "welcome.template.secure", null, language);
	}

	/** The letter for one participant: {naam}/{name}, {coach}, {weken}/{weeks}, {per_week}, {start}. */
	public String letter(String template, String participantName, String coachName, int weeks, int momentsPerWeek,
			LocalDate start, Locale language) {
		String firstName = participantName == null ? "" : participantName.strip().split("\\s+")[0];
		String startText = dayText(start, language);
		return template.replace("{naam}", firstName)
			.replace("{name}", firstName)
			.replace("{coach}", coachName)
			.replace("{weken}", Integer.toString(weeks))
			.replace("{weeks}", Integer.toString(weeks))
			.replace("{per_week}", Integer.toString(momentsPerWeek))
			.replace("{start}", startText);
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
