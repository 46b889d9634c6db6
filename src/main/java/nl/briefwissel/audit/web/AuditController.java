package nl.briefwissel.audit.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.TypedDate;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditTrail;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Administrators search the trail: by person, kind of access, trajectory and period. */
@Controller
class AuditController {

	private final AuditTrail trail;

	private final Accounts accounts;

	AuditController(AuditTrail trail, Accounts accounts) {
		this.trail = trail;
		this.accounts = accounts;
	}

	@GetMapping("/admin/audit")
	String search(@RequestParam(defaultValue = "") String person, @RequestParam(defaultValue = "") String action,
			@RequestParam(defaultValue = "") String trajectory, @RequestParam(defaultValue = "") String from,
			@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String olderAt,
			@RequestParam(defaultValue = "") String olderId, Model model) {
		// Each problem is said at its field (and listed above the form), keyed by the field's id.
		Map<String, String> problems = new LinkedHashMap<>();
		AuditAction kind = parse("action", action, AuditAction::valueOf, "audit.error.action", problems);
		UUID trajectoryId = parse("trajectory", trajectory, UUID::fromString, "audit.error.trajectory", problems);
		LocalDate fromDate = parse("from", from, AuditController::date, "audit.error.date", problems);
		LocalDate toDate = parse("to", to, AuditController::date, "audit.error.date", problems);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
			// Searched as typed, no day is both: "No lines found" hid that the two were the wrong way round.
			problems.put("to", "audit.error.toBeforeFrom");
		}
		model.addAttribute("problems", problems);
		if (!problems.isEmpty()) {
			// A search refused answers 422 with its form and "Fout:" (decision 0139, amended), as the statistics'
			// period does; nothing was searched, so it is no read on the trail (AuditInterceptor: a refused GET).
			RefusedForm.shownAgain();
		}
		model.addAttribute("actions", AuditAction.values());
		model.addAttribute("person", person);
		model.addAttribute("action", action);
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		AuditTrail.Position after = AuditTrail.Position.fromLink(olderAt, olderId);
		AuditTrail.Page page = problems.isEmpty()
				? trail.search(new AuditTrail.Search(person, kind, trajectoryId, fromDate, toDate), after)
				: new AuditTrail.Page(List.of(), null);
		model.addAttribute("entries", page.entries());
		model.addAttribute("lines", lines(page.entries()));
		model.addAttribute("older", page.older());
		model.addAttribute("later", after != null);
		return "audit/search";
	}

	/**
	 * The page's entries as lines to read, the accounts their details name read once for the page: the ids of
	 * the chosen coaches were a row of UUIDs. An id that is no account's stays as stored.
	 */
	private List<TrailLine> lines(List<nl.briefwissel.audit.AuditEntry> entries) {
		Map<UUID, TrailLine.Part> people = new java.util.HashMap<>();
		for (Account account : accounts.byIds(TrailLine.ids(entries))) {
			String erased = account.erasedNameKey();
			people.put(account.id(), new TrailLine.Part(account.id().toString(), erased,
					erased == null ? account.displayName() : null));
		}
		return entries.stream().map(entry -> TrailLine.of(entry, people::get)).toList();
	}

	/**
	 * The calendar gives 2026-11-27; a person typing writes 27-11-2026, 27/11/2026 or 27.11.2026, read as
	 * every date field reads a day (decision 0055). A day outside this century is a typing mistake, and
	 * the search could not compute with it (year 999999999 has no next day).
	 */
	private static LocalDate date(String text) {
		LocalDate day = TypedDate.read(text).orElseThrow(() -> new IllegalArgumentException("not a day: " + text));
		if (day.getYear() < 2000 || day.getYear() > 2099) {
			throw new IllegalArgumentException("not a day of this century: " + day);
		}
		return day;
	}

	private static <T> T parse(String field, String text, java.util.function.Function<String, T> parser, String problem,
			Map<String, String> problems) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return parser.apply(text.strip());
		}
		catch (IllegalArgumentException e) {
			problems.put(field, problem);
			return null;
		}
	}
}
