package nl.briefwissel.closing.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.briefwissel.account.LinkTokens;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.closing.Evaluations;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The evaluation form behind the mailed link; works once, without signing in; the same form sent twice is thanked twice.
 * The same form for the participant signed in, offered on their page while the link would work.
 */
@Controller
class EvaluationController {

	private final Evaluations evaluations;

	EvaluationController(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	/** As posted: text only, so every wrong value becomes a sentence rather than a failed bind. */
	record Form(@NotNull(message = "{evaluation.error.score}") @Pattern(regexp = SCORE, message = "{evaluation.error.score}") String satisfaction,
			@NotNull(message = "{evaluation.error.score}") @Pattern(regexp = SCORE, message = "{evaluation.error.score}") String answeredBefore,
			@NotNull(message = "{evaluation.error.score}") @Pattern(regexp = SCORE, message = "{evaluation.error.score}") String answeredAfter,
			@NotNull(message = "{evaluation.error.recommend}") @Pattern(regexp = "true|false", message = "{evaluation.error.recommend}") String recommend,
			@NotNull(message = "{evaluation.error.helped}") @Pattern(regexp = "WRITING|COACH_QUESTIONS|ASSIGNMENTS|RHYTHM|REREADING|OTHER",
					message = "{evaluation.error.helped}") String helpedMost,
			@Size(max = 4000, message = "{evaluation.error.remarks}") String remarks) {

		static final String SCORE = "[1-9]|10";

		/** A browser sends a line end as two characters, its maxlength counts one: so does the limit. */
		Form {
			remarks = remarks == null ? null : remarks.replace("\r\n", "\n");
		}

		static Form empty() {
			return new Form(null, null, null, null, null, null);
		}

		Evaluations.Answers answers() {
			return new Evaluations.Answers(Integer.parseInt(satisfaction), Integer.parseInt(answeredBefore),
					Integer.parseInt(answeredAfter), Boolean.parseBoolean(recommend), Evaluations.HelpedMost.valueOf(helpedMost),
					remarks);
		}
	}

	@GetMapping("/evaluation/{token}")
	String form(@PathVariable String token, Model model, HttpServletResponse response) {
		return evaluations.byToken(token).map(trajectory -> {
			model.addAttribute("form", Form.empty());
			return show(model, "/evaluation/" + token, trajectory.coachName(), UUID.randomUUID()); // the evaluation is answered once
		}).orElseGet(() -> invalid(token, null, model, response));
	}

	@GetMapping("/participant/evaluation/{trajectory}")
	String ownForm(@PathVariable UUID trajectory, @AuthenticationPrincipal SignedInAccount me, Model model,
			HttpServletResponse response) {
		return own(trajectory, me).map(open -> {
			model.addAttribute("form", Form.empty());
			return show(model, "/participant/evaluation/" + trajectory, open.coachName(), UUID.randomUUID());
		}).orElseGet(() -> closed(evaluations.answered(trajectory, me.id()), null, model, response));
	}

	@PostMapping("/participant/evaluation/{trajectory}")
	String ownAnswer(@PathVariable UUID trajectory, @AuthenticationPrincipal SignedInAccount me,
			@Valid @ModelAttribute("form") Form form, BindingResult errors,
			@RequestParam(name = "submission", required = false) String posted, Model model, HttpServletResponse response) {
		UUID submission = formId(posted);
		Optional<TrajectoryOverview> open = own(trajectory, me);
		if (open.isEmpty()) {
			return evaluations.answeredWith(submission) ? thanks(model)
					: closed(evaluations.answered(trajectory, me.id()), form.remarks(), model, response);
		}
		if (errors.hasErrors()) {
			return show(model, "/participant/evaluation/" + trajectory, open.get().coachName(),
					submission == null ? UUID.randomUUID() : submission);
		}
		return evaluations.answerFor(trajectory, submission, form.answers()) ? thanks(model)
				: closed(evaluations.answered(trajectory, me.id()), form.remarks(), model, response);
	}

	/** Open and the signed-in person's own: another's trajectory is answered as one not (or no longer) open. */
	private Optional<TrajectoryOverview> own(UUID trajectory, SignedInAccount me) {
		return evaluations.openFor(trajectory).filter(t -> me.id().equals(t.participantId()));
	}

	private static String thanks(Model model) {
		model.addAttribute("ownEvaluation", true);
		return "closing/evaluation-thanks";
	}

	/**
	 * Answered already, past its sixty days, or not theirs: one page, which says "filled in" only of their own
	 * trajectory ({@code answered}), so a participant who guesses at another's learns nothing. 404 as for a link that
	 * never was one, so monitors see no page.
	 */
	private static String closed(boolean answered, String typed, Model model, HttpServletResponse response) {
		model.addAttribute("incomplete", false);
		model.addAttribute("validDays", Evaluations.LINK_VALID_FOR.toDays());
		model.addAttribute("answered", answered);
		model.addAttribute("ownEvaluation", true);
		if (typed != null && !typed.isBlank()) {
			model.addAttribute("unsaved", typed);
		}
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		return "closing/evaluation-invalid";
	}

	/**
	 * A link that no longer works, or one that cannot be a link of ours at all: a mail program broke it
	 * off (a long link wraps) or only part was copied. That one says to take the whole link; "filled in
	 * already or older than two months" left the person nothing to try. A link whose evaluation was filled in
	 * says so plainly (decision 0008, 2026-12-06): the holder of a whole link is the person it was mailed to, or
	 * someone they gave it to, who could have answered it as well. Its status tells a mail scanner or a monitor that a whole link is gone for good (410)
	 * and a broken one never was a page (404): with 200 they took a dead link for a working one. A whole
	 * link is one of ours (256 random bits are not typed by chance) even when no row knows it any more:
	 * answered before the answered requests kept their links' hashes, or its trajectory erased. Asking the
	 * rows made those 404, as if never sent (decision 0008). Remarks typed while the link ran out come back
	 * to copy: they were not saved, and were lost with the form.
	 */
	private String invalid(String token, String typed, Model model, HttpServletResponse response) {
		boolean whole = LinkTokens.plausible(token);
		model.addAttribute("incomplete", !whole);
		// The period in days, as the rule counts it and the mail names its last day: not "two months".
		model.addAttribute("validDays", Evaluations.LINK_VALID_FOR.toDays());
		model.addAttribute("answered", whole && evaluations.answeredByLink(token));
		if (typed != null && !typed.isBlank()) {
			model.addAttribute("unsaved", typed);
		}
		response.setStatus(whole ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
		return "closing/evaluation-invalid";
	}

	@PostMapping("/evaluation/{token}")
	String answer(@PathVariable String token, @Valid @ModelAttribute("form") Form form, BindingResult errors,
			@RequestParam(name = "submission", required = false) String posted, Model model, HttpServletResponse response) {
		UUID submission = formId(posted);
		var trajectory = evaluations.byToken(token);
		if (trajectory.isEmpty()) {
			// The second press of a double click, or a reload, finds the link used by the first.
			return evaluations.answeredWith(submission) ? "closing/evaluation-thanks"
					: invalid(token, form.remarks(), model, response);
		}
		if (errors.hasErrors()) {
			// Nothing was written: the form's id stays with it to the next try.
			return show(model, "/evaluation/" + token, trajectory.get().coachName(), submission == null ? UUID.randomUUID() : submission);
		}
		return evaluations.answer(token, submission, form.answers()) ? "closing/evaluation-thanks"
				: invalid(token, form.remarks(), model, response);
	}

	/** The form's id as text, like every other field: one that is not an id counts as none (answered once, by the link). */
	private static UUID formId(String posted) {
		try {
			return posted == null || posted.isBlank() ? null : UUID.fromString(posted.strip());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** {@code action}: where the form is sent, the mailed link's or the signed-in participant's own address. */
	private String show(Model model, String action, String coach, UUID submission) {
		model.addAttribute("action", action);
		model.addAttribute("submission", submission);
		model.addAttribute("coach", coach);
		model.addAttribute("helped", Evaluations.HelpedMost.values());
		return "closing/evaluation";
	}
}
