package nl.briefwissel.closing.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.closing.Evaluations;
import nl.briefwissel.encryption.OpenedText;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.statistics.EvaluationMonths;
import nl.briefwissel.statistics.Period;
import nl.briefwissel.statistics.TypedPeriod;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What participants said in the evaluation beyond the scores, per programme of the manager's
 * organisation (decision 0029). Remarks are free text, so reading them is on the audit trail as
 * a read, as any page with what people wrote.
 */
@Controller
class EvaluationFeedbackController {

	/**
	 * How many remarks a programme's card shows at a time: each may be four thousand characters, and a
	 * national programme gathers hundreds in a year.
	 */
	static final int REMARKS_PER_PAGE = 25;

	/** A programme's feedback with the page of its remarks shown, each as its text or as one that does not open. */
	record ProgrammeFeedback(UUID programmeId, String programmeName, Evaluations.Feedback feedback, Pages list,
			List<OpenedText> remarks) {
	}

	private final Programmes programmes;

	private final Evaluations evaluations;

	private final Clock clock;

	EvaluationFeedbackController(Programmes programmes, Evaluations evaluations, Clock clock) {
		this.programmes = programmes;
		this.evaluations = evaluations;
		this.clock = clock;
	}

	/**
	 * Each programme's feedback with one page of its remarks: the page asked for applies to the programme
	 * named with it (one of the manager's own), the others show their first. Only the page shown is read
	 * and opened (Evaluations#remarks), in the order Evaluations gives, which tells nothing about when.
	 * A period refused (a day that cannot be read, a first day after the last or after today) is the form shown
	 * again, as on the figures page (422, decision 0139): the summary at the top, the sentence at the field, what
	 * was typed kept. No programme's answers or remarks come with it: the only ones at hand are of another period
	 * than asked (the refused day left to its default), which a manager would take for the period typed, and
	 * remarks are what people wrote, not to be shown for a period nobody asked for.
	 */
	@Audited(AuditAction.READ)
	@GetMapping("/programme/evaluations")
	String page(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String until, @RequestParam(required = false) String programme,
			@RequestParam(required = false) String page, Model model) {
		TypedPeriod typed = TypedPeriod.of(from, until, LocalDate.now(clock));
		Period period = typed.period();
		model.addAttribute("period", period);
		model.addAttribute("periodTyped", typed);
		// The period may start on the 6th; its evaluations count by whole months that are over (decision 0008).
		model.addAttribute("firstMonth", EvaluationMonths.firstMonth(period.from(), period.until(), LocalDate.now(clock)));
		model.addAttribute("lastMonth", EvaluationMonths.lastMonth(period.from(), period.until(), LocalDate.now(clock)));
		if (typed.refused()) {
			RefusedForm.shownAgain();
			model.addAttribute("programmes", List.of());
			return "closing/feedback";
		}
		List<ProgrammeFeedback> feedback = programmes.ofOrganisation(me.organisationId()).stream().map(p -> {
			Evaluations.Feedback said = evaluations.feedback(p.id(), period.from(), period.until());
			Pages list = Pages.of(said.remarks(), p.id().toString().equals(programme) ? PageNumber.of(page) : 1, REMARKS_PER_PAGE);
			List<OpenedText> shown = list.total() == 0 ? List.of()
					: evaluations.remarks(p.id(), period.from(), period.until(), list.offset(), list.limit());
			return new ProgrammeFeedback(p.id(), p.name(), said, list, shown);
		}).toList();
		model.addAttribute("programmes", feedback);
		return "closing/feedback";
	}
}
