package nl.briefwissel.statistics.web;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.statistics.Figure;
import nl.briefwissel.statistics.Period;
import nl.briefwissel.statistics.ProgrammeFigures;
import nl.briefwissel.statistics.Statistics;
import nl.briefwissel.statistics.TypedPeriod;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The programme manager's figures per programme and period, as a page with charts and as CSV. */
@Controller
class StatisticsController {

	private final Programmes programmes;

	private final Themes themes;

	private final Statistics statistics;

	private final MessageSource texts;

	private final Clock clock;

	StatisticsController(Programmes programmes, Themes themes, Statistics statistics, MessageSource texts, Clock clock) {
		this.programmes = programmes;
		this.themes = themes;
		this.statistics = statistics;
		this.texts = texts;
		this.clock = clock;
	}

	@GetMapping("/programme/statistics")
	String page(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String until, Locale locale, Model model) {
		TypedPeriod typed = TypedPeriod.of(from, until, LocalDate.now(clock));
		return page(me, typed, locale, model);
	}

	/**
	 * The page; with a day that could not be used it is the form shown again (422, decision 0139): the summary at
	 * the top and the sentence at the field, with what was typed. No figures come with it, nor a CSV link: the
	 * only figures at hand are of another period than asked (the refused day left to its default), and a manager
	 * who compares periods would take them for the period typed. The last figures shown are a step back away.
	 */
	private String page(SignedInAccount me, TypedPeriod typed, Locale locale, Model model) {
		if (typed.refused()) {
			RefusedForm.shownAgain();
		}
		model.addAttribute("period", typed.period());
		model.addAttribute("periodTyped", typed);
		model.addAttribute("figures", typed.refused() ? List.of() : figures(me, typed.period()));
		model.addAttribute("themeLabels", themeLabels(me, locale));
		return "statistics/statistics";
	}

	/**
	 * A period refused gives the page that says so at its field, as the form shown again (422), not a file: the link
	 * on the page always has two readable days, so only an address changed by hand or an old bookmark comes here. Not
	 * on the trail: nothing was exported.
	 */
	@Audited(AuditAction.EXPORT)
	@GetMapping("/programme/statistics.csv")
	Object csv(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String until, Locale locale, Model model) {
		TypedPeriod typed = TypedPeriod.of(from, until, LocalDate.now(clock));
		if (typed.refused()) {
			return page(me, typed, locale, model);
		}
		Period period = typed.period();
		Map<java.util.UUID, Map<String, String>> labels = themeLabels(me, locale);
		StringBuilder csv = new StringBuilder("\uFEFF"); // so spreadsheet programs read the file as UTF-8
		csv.append(cell(text("statistics.csv.programme", locale))).append(';').append(cell(text("statistics.csv.figure", locale)))
			.append(';').append(cell(text("statistics.csv.value", locale))).append("\r\n");
		for (ProgrammeFigures f : figures(me, period)) {
			row(csv, locale, f, text("statistics.intakes", locale), f.intakes(), false);
			row(csv, locale, f, text("statistics.started", locale), f.started(), false);
			row(csv, locale, f, text("statistics.running", locale), f.runningNow(), false);
			row(csv, locale, f, text("statistics.startingSoon", locale), f.startingSoon(), false);
			row(csv, locale, f, text("statistics.completed", locale), f.completed(), false);
			row(csv, locale, f, text("statistics.averageDays", locale), f.averageDays(), true);
			monthlyCount(csv, locale, f, text("statistics.stopped", locale), f.stoppedByReason().total());
			f.stoppedByReason().cells().forEach((reason, figure) -> row(csv, locale, f,
					text("statistics.stopped", locale) + ": " + text("reason." + reason, locale), figure, false));
			if (f.stoppedByReason().other() != null) {
				row(csv, locale, f, text("statistics.stopped", locale) + ": " + text("statistics.other", locale), f.stoppedByReason().other(), false);
			}
			f.themes().cells().forEach((theme, figure) -> row(csv, locale, f,
					text("trajectory.theme", locale) + ": " + labels.getOrDefault(f.programmeId(), Map.of()).getOrDefault(theme, theme), figure, false));
			if (f.themes().other() != null) {
				row(csv, locale, f, text("trajectory.theme", locale) + ": " + text("statistics.other", locale), f.themes().other(), false);
			}
			row(csv, locale, f, text("statistics.responseHours", locale), f.coachResponseHours(), true);
			row(csv, locale, f, text("statistics.momentsKept", locale), f.contactMomentsKeptPercent(), false);
			monthlyCount(csv, locale, f, text("statistics.evaluations", locale), f.evaluations());
			row(csv, locale, f, text("statistics.satisfaction", locale), f.satisfaction(), true);
			row(csv, locale, f, text("statistics.before", locale), f.questionAnsweredBefore(), true);
			row(csv, locale, f, text("statistics.after", locale), f.questionAnsweredAfter(), true);
			row(csv, locale, f, text("statistics.recommend", locale), f.recommendPercent(), false);
		}
		String name = "briefwissel-" + period.from() + "-" + period.until() + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	private List<ProgrammeFigures> figures(SignedInAccount me, Period period) {
		return programmes.ofOrganisation(me.organisationId())
			.stream()
			.map(programme -> statistics.of(programme, period.from(), period.until()))
			.toList();
	}

	/**
	 * Each programme's theme labels by code: a programme that renamed a theme says so in its own
	 * figures only (one map for the organisation gave another programme's label to the same code).
	 */
	private Map<java.util.UUID, Map<String, String>> themeLabels(SignedInAccount me, Locale locale) {
		Map<java.util.UUID, Map<String, String>> byProgramme = new java.util.HashMap<>();
		for (var programme : programmes.ofOrganisation(me.organisationId())) {
			Map<String, String> labels = new java.util.HashMap<>();
			themes.of(programme.id()).forEach(t -> labels.put(t.code(), t.label(locale)));
			themes.pilotThemes().forEach(t -> labels.putIfAbsent(t.code(), t.label(locale)));
			labels.put("", text("statistics.noTheme", locale));
			byProgramme.put(programme.id(), labels);
		}
		return byProgramme;
	}

	/**
	 * A figure in the CSV's language, as its texts: a decimal comma in Dutch (the separator is a semicolon for
	 * that reason), and a hidden average said in words, as on the page.
	 */
	private void row(StringBuilder csv, Locale language, ProgrammeFigures f, String figure, Figure value, boolean decimal) {
		String shown = value.hiddenAverage() ? text("statistics.hiddenAverage", language) : value.shown(decimal, language);
		csv.append(cell(f.programmeName())).append(';').append(cell(figure)).append(';').append(cell(shown)).append("\r\n");
	}

	/** A count of whole months with five or more, as on the page: one that counted no month says so, not "0". */
	private void monthlyCount(StringBuilder csv, Locale language, ProgrammeFigures f, String figure, Figure value) {
		if (f.noMonthCounted(value)) {
			csv.append(cell(f.programmeName())).append(';').append(cell(figure)).append(';')
				.append(cell(text("statistics.noMonth", language))).append("\r\n");
		}
		else {
			row(csv, language, f, figure, value, false);
		}
	}

	/** Quoted, and never read as a formula by a spreadsheet (a name may start with = or +). */
	private static String cell(String value) {
		// A spreadsheet runs a cell that starts with one of these as a formula (a programme's name is
		// anyone's text); only a plain number may start with a minus.
		boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+([.,]\\d+)?");
		String safe = formula ? "'" + value : value;
		return '"' + safe.replace("\"", "\"\"") + '"';
	}

	private String text(String key, Locale locale) {
		return texts.getMessage(key, null, key, locale);
	}
}
