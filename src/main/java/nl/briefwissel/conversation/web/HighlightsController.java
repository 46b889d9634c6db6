package nl.briefwissel.conversation.web;

import java.util.UUID;

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
		mark(trajectory, message, passage, me, redirect);
		return "redirect:/coach/trajectories/" + id + "#highlights";
	}

	@PostMapping("/coach/trajectories/{id}/highlights/{highlight}/remove")
	String coachRemoves(@PathVariable UUID id, @PathVariable UUID highlight, @AuthenticationPrincipal SignedInAccount me) {
		highlights.remove(readable(id, me, true).id(), highlight, me.id());
		return "redirect:/coach/trajectories/" + id + "#highlights";
	}

	@PostMapping("/participant/highlights")
	String participantMarks(@RequestParam UUID trajectory, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam UUID message, @RequestParam(defaultValue = "") String passage, RedirectAttributes redirect) {
		mark(readable(trajectory, me, false), message, passage, me, redirect);
		return "redirect:/participant/conversation#highlights";
	}

	@PostMapping("/participant/highlights/{highlight}/remove")
	String participantRemoves(@PathVariable UUID highlight, @RequestParam UUID trajectory,
			@AuthenticationPrincipal SignedInAccount me) {
		highlights.remove(readable(trajectory, me, false).id(), highlight, me.id());
		return "redirect:/participant/conversation#highlights";
	}

	private void mark(TrajectoryOverview trajectory, UUID message, String passage, SignedInAccount me,
			RedirectAttributes redirect) {
		if (highlights.mark(trajectory.id(), message, passage, me.id()).isPresent()) {
			redirect.addFlashAttribute("highlighted", true);
		}
		else {
			redirect.addFlashAttribute("highlightProblem", "highlight.error.notInMessage");
		}
	}

	private TrajectoryOverview readable(UUID id, SignedInAccount me, boolean asCoach) {
		// Not an erased one: a page kept open would put a passage of it back.
		return trajectories.withContent(id)
			.filter(t -> asCoach ? t.coachedBy(me.id()) : me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
