package nl.briefwissel.closing.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.closing.Evaluations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.statistics.Period;

import org.springframework.format.annotation.DateTimeFormat;
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

	record ProgrammeFeedback(String programmeName, Evaluations.Feedback feedback) {
	}

	private final Programmes programmes;

	private final Evaluations evaluations;

	private final Clock clock;

	EvaluationFeedbackController(Programmes programmes, Evaluations evaluations, Clock clock) {
		this.programmes = programmes;
		this.evaluations = evaluations;
		this.clock = clock;
	}

	@Audited(AuditAction.READ)
	@GetMapping("/programme/evaluations")
	String page(@AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until, Model model) {
		Period period = Period.of(from, until, LocalDate.now(clock));
		List<ProgrammeFeedback> feedback = programmes.ofOrganisation(me.organisationId())
			.stream()
			.map(programme -> new ProgrammeFeedback(programme.name(),
					evaluations.feedback(programme.id(), period.from(), period.until())))
			.toList();
		model.addAttribute("period", period);
		model.addAttribute("programmes", feedback);
		return "closing/feedback";
	}
}
