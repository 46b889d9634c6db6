package nl.briefwissel.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A programme manager reads the figures on a 320-pixel phone (WCAG 1.4.10): the theme chart's labels
 * shrank to about 5 pixels (a 600-wide SVG drawn at the phone's width), the figures' numbers stood
 * off screen behind a sideways scroll, and the tables' captions were cut off.
 */
@BriefwisselTest
@Tag("browser")
class StatisticsOnAPhoneTests {

	/** Every text on the page at least this big, in CSS pixels as drawn. */
	private static final double SMALLEST_TEXT = 12;

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Fixtures fixtures;

	@Test
	void theFiguresAndTheThemeChartAreReadWithoutScrollingSidewaysOrTinyText() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID organisation = accounts.byEmail("programma@briefwissel.test").orElseThrow().organisationId();
		String name = "E-coaching loopbaanontwikkeling voor medewerkers " + suffix;
		var programme = programmes.create(organisation, name, null, null);
		var coach = fixtures.person(organisation, "coach-tel-" + suffix + "@example.nl", "Coach", Role.COACH);
		for (int i = 0; i < 16; i++) {
			var participant = fixtures.person(organisation, "tel-" + i + "-" + suffix + "@example.nl", "D " + i, Role.PARTICIPANT);
			trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING,
					i < 7 ? "GROWTH" : i < 13 ? "NEXT_STEP" : "GRIP", Today.date().minusDays(10), null);
		}

		ChromeDriver phone = Chromium.phoneOf(320);
		try {
			Chromium.signIn(phone, port, "programma@briefwissel.test");
			phone.get("http://localhost:" + port + "/programme/statistics");
			var card = phone.findElements(By.cssSelector("article.bw-card"))
				.stream()
				.filter(article -> article.getText().contains(name))
				.findFirst()
				.orElseThrow();
			assertThat(card.getText()).as("the chart is drawn").contains("Me blijven ontwikkelen en de uitdaging houden");

			List<String> problems = new ArrayList<>();
			Long wider = (Long) phone
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			if (wider > 1) {
				problems.add("the page is " + wider + " px wider than the screen");
			}
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> found = (List<Map<String, Object>>) phone.executeScript("""
					const card = arguments[0], width = document.documentElement.clientWidth, found = [];
					for (const region of card.querySelectorAll('.bw-table-scroll')) {
					  if (region.scrollWidth > region.clientWidth + 1) {
					    found.push({what: 'hidden behind a sideways scroll', text: region.getAttribute('aria-label')});
					  }
					}
					for (const element of card.querySelectorAll('*')) {
					  const own = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
					  if (!own || element.getClientRects().length === 0) continue;
					  const scale = element.getScreenCTM ? element.getScreenCTM().a : 1;
					  const size = parseFloat(getComputedStyle(element).fontSize) * scale;
					  if (size < arguments[1]) {
					    found.push({what: 'text of ' + size.toFixed(1) + ' px', text: element.textContent.trim()});
					  }
					  const box = element.getBoundingClientRect();
					  if (box.right > width + 1 || box.left < -1) {
					    found.push({what: 'off screen', text: element.textContent.trim()});
					  }
					  if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible'
					      && element.clientWidth > 0) {
					    found.push({what: 'cut off', text: element.textContent.trim()});
					  }
					}
					return found;""", card, SMALLEST_TEXT);
			found.forEach(problem -> problems.add(problem.get("what") + ": " + problem.get("text")));
			// The chart is one image to a screen reader, named; its figures are the table under it.
			problems.addAll(Axe.violations(phone));
			assertThat(problems).isEmpty();
			// Every figure of the table is on the screen, beside or under its name.
			assertThat(card.findElements(By.cssSelector(".bw-number"))).isNotEmpty()
				.allSatisfy(number -> assertThat(number.getRect().getX() + number.getRect().getWidth()).isLessThanOrEqualTo(321));
		}
		finally {
			phone.quit();
		}
	}
}
