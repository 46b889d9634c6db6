package nl.briefwissel.browser;

import java.time.LocalDate;
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
import org.springframework.jdbc.core.simple.JdbcClient;

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

	@Autowired
	JdbcClient jdbc;

	/**
	 * Every table of a page, measured where its text is drawn (a visually hidden column name is not drawn): the text of each cell, as the words stand, must not
	 * touch the text of another cell, must end inside its row (a row grows to fit its text), and must stand on the
	 * screen unless its table scrolls sideways in a region of its own (which the figures' tables must not).
	 */
	private static final String OVERLAPS = """
			const found = [], width = document.documentElement.clientWidth, figures = arguments[0];
			const drawn = element => {
			  const boxes = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
			  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			    if (!node.textContent.trim() || node.parentElement.closest('.bw-visually-hidden')) continue;
			    const range = document.createRange(); range.selectNodeContents(node);
			    boxes.push(...[...range.getClientRects()].filter(r => r.width > 0 && r.height > 0));
			  }
			  return boxes; };
			const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
			for (const table of document.querySelectorAll('main table')) {
			  const region = table.closest('.bw-table-scroll');
			  const sideways = region && region.scrollWidth > region.clientWidth + 1;
			  if (sideways && figures) found.push({what: 'scrolls sideways', text: table.caption ? table.caption.textContent.trim() : ''});
			  const cells = [];
			  for (const row of table.rows) {
			    const rowBox = row.getBoundingClientRect();
			    for (const cell of row.cells) {
			      const text = cell.textContent.trim(), boxes = drawn(cell);
			      if (!text || boxes.length === 0) continue;
			      for (const box of boxes) {
			        if (box.bottom > rowBox.bottom + 1 || box.top < rowBox.top - 1) found.push({what: 'runs out of its row', text});
			        if (!sideways && (box.right > width + 1 || box.left < -1)) found.push({what: 'past the edge of the screen', text});
			      }
			      cells.push({text, boxes, box: cell.getBoundingClientRect()});
			    }
			  }
			  for (let i = 0; i < cells.length; i++) {
			    for (let j = i + 1; j < cells.length; j++) {
			      if (cells[i].boxes.some(a => cells[j].boxes.some(b => meet(a, b))) || meet(cells[i].box, cells[j].box)) {
			        found.push({what: 'drawn over ' + cells[j].text, text: cells[i].text});
			      }
			    }
			  }
			}
			return found;""";

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

	/**
	 * The product walk found the figures' rows drawn over each other on a 360-pixel phone, the long names
	 * (contact moments kept, evaluations filled in, average length) over their figures and the next row, worse
	 * in English. Each row grows to fit its text, as the table of stages on the programmes page does; the
	 * participants' evaluations and that programmes page are measured the same way.
	 */
	@Test
	void eachRowOfFiguresGrowsToFitItsTextOnA360PixelPhoneInDutchAndEnglish() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID organisation = accounts.byEmail("programma@briefwissel.test").orElseThrow().organisationId();
		var programme = programmes.create(organisation, "Lange namen op een telefoon " + suffix, null, null);
		var coach = fixtures.person(organisation, "coach-rij-" + suffix + "@example.nl", "Coach", Role.COACH);
		for (int i = 0; i < 6; i++) {
			var participant = fixtures.person(organisation, "rij-" + i + "-" + suffix + "@example.nl", "R " + i, Role.PARTICIPANT);
			trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
					Today.date().minusDays(10), null);
		}
		// Five evaluations in last month, so the evaluations page has its table, with its longest name.
		LocalDate lastMonth = Today.date().withDayOfMonth(1).minusMonths(1);
		for (int i = 0; i < 5; i++) {
			jdbc.sql("""
					insert into evaluation_answer (id, programme_id, answered_month, satisfaction, answered_before, answered_after,
					    recommend, helped_most, remarks, remarks_key_id, remarks_shared)
					values (:id, :p, :month, 8, 5, 7, true, 'REREADING', null, null, false)""")
				.param("id", UUID.randomUUID())
				.param("p", programme.id())
				.param("month", lastMonth)
				.update();
		}
		List<String> problems = new ArrayList<>();
		ChromeDriver phone = Chromium.phoneOf(360);
		try {
			Chromium.signIn(phone, port, "programma@briefwissel.test");
			for (String language : List.of("nl", "en")) {
				for (String path : List.of("/programme/statistics", "/programme/evaluations?from=" + lastMonth, "/programme")) {
					phone.get("http://localhost:" + port + path + (path.contains("?") ? "&" : "?") + "lang=" + language);
					assertThat(phone.findElements(By.cssSelector("main table"))).as(path + " has its tables").isNotEmpty();
					@SuppressWarnings("unchecked")
					List<Map<String, Object>> found = (List<Map<String, Object>>) phone.executeScript(OVERLAPS,
							!"/programme".equals(path));
					found.forEach(problem -> problems.add(language + " " + path + ": " + problem.get("what") + ": " + problem.get("text")));
				}
			}
		}
		finally {
			phone.quit();
		}
		assertThat(problems).isEmpty();
	}
}
