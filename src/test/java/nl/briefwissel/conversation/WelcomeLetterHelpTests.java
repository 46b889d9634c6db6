package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Accounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The help beside the coach's welcome letter: the English page named {name}, {weeks} and
 * {how_to_answer} above a letter written with {naam}, {weken} and {antwoorden}, and said nothing of
 * what a participant who reads English receives. Both languages' names work (decision 0066); the
 * standard letter goes in the participant's language, the coach's own letter as written.
 */
@BriefwisselTest
class WelcomeLetterHelpTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+}");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Test
	void theHelpNamesEveryPlaceholderOfTheLetterShownInEitherLanguageAndWhichLanguageTheParticipantGets() throws Exception {
		var running = fixtures.runningTrajectory(true);
		for (String account : new String[] { "nl", "en" }) {
			accounts.changeLanguage(running.coach().id(), Locale.forLanguageTag(account));
			for (String page : new String[] { "nl", "en" }) {
				Document settings = settings(running, page);
				String help = settings.getElementById("welcome-help").text();
				Matcher shown = PLACEHOLDER.matcher(settings.getElementById("welcome").text());
				while (shown.find()) {
					assertThat(help).as("the %s page of a coach in %s names %s", page, account, shown.group()).contains(shown.group());
				}
				assertThat(help).contains("{naam}", "{name}", "{weken}", "{weeks}", "{antwoorden}", "{how_to_answer}", "{coach}",
						"{per_week}", "{start}");
				assertThat(settings.getElementById("welcome").attr("aria-describedby")).isEqualTo("welcome-help welcome-language");
				assertThat(settings.getElementById("welcome-language").text()).isEqualTo(page.equals("en")
						? "Which language the participant reads: as long as you keep the standard letter, each participant gets it in their own language, Dutch or English. "
								+ "Your own letter goes to every participant as you wrote it, whatever their language: it is not translated. "
								+ "Only the start date and the sentence about answering are filled in in the participant's language."
						: "In welke taal de deelnemer leest: zolang je de standaardbrief houdt, krijgt elke deelnemer die in de eigen taal, Nederlands of Engels. "
								+ "Je eigen brief gaat naar elke deelnemer zoals je hem schreef, welke taal de deelnemer ook leest: hij wordt niet vertaald. "
								+ "Alleen de startdatum en de zin over antwoorden worden in de taal van de deelnemer ingevuld.");
			}
		}
	}

	private Document settings(Fixtures.RunningTrajectory running, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/settings").param("lang", language).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}
}
