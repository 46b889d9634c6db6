package nl.briefwissel.conversation.web;

import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Coach and participant mark key moments in their own conversation, and take their own away again. */
@Controller
class HighlightsController {

	private final Trajectories trajectories;

	private final Highlights highlights;

	HighlightsController(Trajectories trajectories, Highlights highlights) {
		this.trajectories = trajectories;
		this.highlights = highlights;
	}

	@PostMapping("/coach/trajectories/{id}/highlights")
	String coachMarks(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam UUID message,
			@RequestParam(defaultValue = "") String passage, RedirectAttributes redirect) {
		TrajectoryOverview trajectory = readable(id, me, true);
		return "redirect:/coach/trajectories/" + id + mark(trajectory, message, passage, me, redirect);
	}

	@PostMapping("/coach/trajectories/{id}/highlights/{highlight}/remove")
	String coachRemoves(@PathVariable UUID id, @PathVariable UUID highlight, @AuthenticationPrincipal SignedInAccount me) {
		highlights.remove(readable(id, me, true).id(), highlight, me.id());
		return "redirect:/coach/trajectories/" + id + "#highlights";
	}

	@PostMapping("/participant/highlights")
	String participantMarks(@RequestParam UUID trajectory, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam UUID message, @RequestParam(defaultValue = "") String passage, RedirectAttributes redirect) {
		return "redirect:/participant/conversation?trajectory=" + trajectory + mark(readable(trajectory, me, false), message, passage, me, redirect);
	}

	@PostMapping("/participant/highlights/{highlight}/remove")
	String participantRemoves(@PathVariable UUID highlight, @RequestParam UUID trajectory,
			@AuthenticationPrincipal SignedInAccount me) {
		highlights.remove(readable(trajectory, me, false).id(), highlight, me.id());
		return "redirect:/participant/conversation?trajectory=" + trajectory + "#highlights";
	}

	/**
	 * Marks the passage and says where the page opens: at the status that says it is kept (focused, so
	 * it is heard), or at the letter's own form, open again with the passage typed and what is wrong
	 * with it: the form closed and the passage lost, the error said far away at the top.
	 */
	private String mark(TrajectoryOverview trajectory, UUID message, String passage, SignedInAccount me,
			RedirectAttributes redirect) {
		if (highlights.mark(trajectory.id(), message, passage, me.id()).isPresent()) {
			redirect.addFlashAttribute("highlighted", true);
			return "#highlight-status";
		}
		redirect.addFlashAttribute("highlightProblem", "highlight.error.notInMessage");
		RefusedForm.shownAgainAfter(redirect);
		redirect.addFlashAttribute("highlightMessage", message);
		redirect.addFlashAttribute("highlightTyped", passage.length() > 4000 ? passage.substring(0, 4000) : passage);
		return "#passage-" + message;
	}

	private TrajectoryOverview readable(UUID id, SignedInAccount me, boolean asCoach) {
		// Not an erased one: a page kept open would put a passage of it back.
		return trajectories.withContent(id)
			.filter(t -> asCoach ? t.coachedBy(me.id()) : me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
