package nl.briefwissel.conversation.web;

import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.AssignmentAnswers;
import nl.briefwissel.trajectory.Trajectories;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Dit is niet het antwoord" and "Koppel als antwoord" on the coach's conversation page (decision 0098):
 * two plain forms in the assignment's entry, so both work without a script. Each form carries the answer
 * the page showed, so a tab opened before another change, or a second click, changes nothing unseen.
 * The page opens again at the assignment (#given-…, focusable), which says what happened. Not on the audit
 * trail, as giving an assignment is not: the trail records who read or exported content.
 */
@Controller
class AssignmentAnswersController {

	private final AssignmentAnswers answers;

	private final Trajectories trajectories;

	AssignmentAnswersController(AssignmentAnswers answers, Trajectories trajectories) {
		this.answers = answers;
		this.trajectories = trajectories;
	}

	@PostMapping("/coach/trajectories/{id}/assignments/{givenId}/not-the-answer")
	String unlink(@PathVariable UUID id, @PathVariable UUID givenId, @RequestParam UUID answer,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		own(id, me);
		return said(id, givenId, answers.unlink(id, me.id(), givenId, answer), "unlinked", redirect);
	}

	@PostMapping("/coach/trajectories/{id}/assignments/{givenId}/answer")
	String link(@PathVariable UUID id, @PathVariable UUID givenId, @RequestParam UUID letter,
			@RequestParam(required = false) UUID base, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		own(id, me);
		return said(id, givenId, answers.link(id, me.id(), givenId, letter, base), "linked", redirect);
	}

	private static String said(UUID id, UUID givenId, AssignmentAnswers.Outcome outcome, String done, RedirectAttributes redirect) {
		if (outcome == AssignmentAnswers.Outcome.NOT_FOUND) {
			throw notFound();
		}
		// A second click says what the first did: it is so.
		redirect.addFlashAttribute("answerChange", switch (outcome) {
			case DONE, ALREADY -> done;
			case CHANGED_SINCE -> "changedSince";
			default -> "ended";
		});
		redirect.addFlashAttribute("answerChanged", givenId);
		if (outcome == AssignmentAnswers.Outcome.CHANGED_SINCE || outcome == AssignmentAnswers.Outcome.ENDED) {
			// Nothing changed: the answer changed since, or the trajectory ended. The state refused it, 409 (decision 0139).
			RefusedForm.stateInTheWayAfter(redirect);
		}
		return "redirect:/coach/trajectories/" + id + "#given-" + givenId;
	}

	/** The coach's own trajectory with its content, or 404: another coach's id must not even confirm it exists. */
	private void own(UUID id, SignedInAccount me) {
		trajectories.withContent(id).filter(trajectory -> trajectory.coachedBy(me.id())).orElseThrow(AssignmentAnswersController::notFound);
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}
}
