package nl.briefwissel.trajectory.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.trajectory.IllegalTransitionException;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryErasure;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The participant stops their own trajectory (decision 0141): one link from their page to a page that says what
 * happens, with a reason they may give, and only its button stops anything (WCAG 3.3.4). A reason longer than is
 * kept comes back at its field, 422. The second click of a double click finds it stopped by them and says so calmly;
 * one that ended otherwise meanwhile (completed, stopped by the coach or by itself) is a page saying so, 409. Web
 * only: a mail saying "stop" is a letter to the coach, not a change of course. Another's trajectory is not found.
 */
@Controller
class ParticipantStopController {

	private final Trajectories trajectories;

	private final TrajectoryLifecycle lifecycle;

	private final TrajectoryErasure keeping;

	private final Clock clock;

	ParticipantStopController(Trajectories trajectories, TrajectoryLifecycle lifecycle, TrajectoryErasure keeping, Clock clock) {
		this.trajectories = trajectories;
		this.lifecycle = lifecycle;
		this.keeping = keeping;
		this.clock = clock;
	}

	@GetMapping("/participant/trajectories/{id}/stop")
	String ask(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model, HttpServletResponse response) {
		TrajectoryOverview trajectory = own(id, me);
		if (!underWay(trajectory)) {
			return notUnderWay(trajectory, model, response);
		}
		return form(trajectory, me, "", null, model);
	}

	/** On the trail as a coach's stop is (decision 0140): who stopped which trajectory, never their words. */
	@Audited(value = AuditAction.ADMINISTRATION, trajectory = "id")
	@PostMapping("/participant/trajectories/{id}/stop")
	String stop(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String why,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		TrajectoryOverview trajectory = own(id, me);
		// A browser sends a line break as two characters where its maxlength counted one; kept as one.
		String explanation = why.replace("\r\n", "\n").strip();
		TrajectoryLifecycle.ParticipantStop outcome;
		try {
			outcome = lifecycle.stopByParticipant(id, me.id(), explanation.isEmpty() ? null : explanation);
		}
		catch (IllegalTransitionException tooLong) {
			AuditedChange.refused();
			// Read again: the length is checked before the state, so a coach who ended it since this request began is said.
			TrajectoryOverview now = trajectories.byId(id).orElse(trajectory);
			if (!underWay(now)) {
				return notUnderWay(now, model, response);
			}
			RefusedForm.shownAgain();
			return form(trajectory, me, explanation, tooLong.messageKey(), model);
		}
		catch (TrajectoryLifecycle.NotYourTrajectoryException gone) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		switch (outcome) {
			case STOPPED -> redirect.addFlashAttribute("participantStopped", id);
			case STOPPED_ALREADY -> {
				AuditedChange.already();
				redirect.addFlashAttribute("participantStoppedAlready", id);
			}
			case NOT_UNDER_WAY -> {
				AuditedChange.refused();
				return notUnderWay(trajectories.byId(id).orElse(trajectory), model, response);
			}
		}
		return "redirect:/participant#stopped-" + id;
	}

	private String form(TrajectoryOverview trajectory, SignedInAccount me, String why, String error, Model model) {
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("why", why);
		model.addAttribute("whyError", error);
		model.addAttribute("maxWhy", TrajectoryLifecycle.MAX_WHY);
		// Stopped today, its record is kept the trajectory's own months from today (decision 0134).
		model.addAttribute("keptUntil", keeping.keepingOf(me.id())
			.stream()
			.filter(kept -> kept.trajectoryId().equals(trajectory.id()))
			.findFirst()
			.map(kept -> LocalDate.now(clock).plusMonths(kept.months()))
			.orElse(null));
		return "trajectory/participant-stop";
	}

	/** Completed, stopped (by the coach or by itself) or not begun: nothing to stop, said on a page of its own, 409. */
	private static String notUnderWay(TrajectoryOverview trajectory, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.CONFLICT.value());
		model.addAttribute("trajectory", trajectory);
		return "trajectory/participant-stop-ended";
	}

	private static boolean underWay(TrajectoryOverview trajectory) {
		return trajectory.status() == TrajectoryStatus.RUNNING || trajectory.status() == TrajectoryStatus.PAUSED;
	}

	/** Their own trajectory; another's id must not even confirm that the trajectory exists. */
	private TrajectoryOverview own(UUID id, SignedInAccount me) {
		return trajectories.byId(id)
			.filter(t -> me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
