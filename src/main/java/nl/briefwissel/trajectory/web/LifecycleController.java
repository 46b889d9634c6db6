package nl.briefwissel.trajectory.web;

import java.time.LocalDate;
import java.util.UUID;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.trajectory.IllegalTransitionException;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coach changes a trajectory's course on a page of its own, one link from the conversation:
 * pause, resume, extend, complete, stop, each with a reason. A change made goes back to the
 * conversation, which says so; a change the trajectory does not allow comes back as a sentence
 * above the forms.
 */
@Controller
class LifecycleController {

	private static final int MAX_REASON = 2000;

	private final TrajectoryLifecycle lifecycle;

	private final Trajectories trajectories;

	LifecycleController(TrajectoryLifecycle lifecycle, Trajectories trajectories) {
		this.lifecycle = lifecycle;
		this.trajectories = trajectories;
	}

	@GetMapping("/coach/trajectories/{id}/course")
	String course(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model) {
		TrajectoryOverview trajectory = trajectories.byId(id)
			.filter(t -> t.coachedBy(me.id()))
			// Another coach's id must not even confirm that the trajectory exists.
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("trajectory", trajectory);
		return "trajectory/course";
	}

	@PostMapping("/coach/trajectories/{id}/pause")
	String pause(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
			@RequestParam Reason reason, @RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		if (until == null) {
			return back(id, redirect, "trajectory.illegal.pauseDates");
		}
		return apply(id, redirect, "trajectory.changed.paused", TrajectoryStatus.PAUSED, reason, () -> lifecycle.pause(id, me.id(), until, reason, trim(why)));
	}

	@PostMapping("/coach/trajectories/{id}/resume")
	String resume(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		return apply(id, redirect, "trajectory.changed.resumed", null, () -> lifecycle.resume(id, me.id()));
	}

	@PostMapping("/coach/trajectories/{id}/extend")
	String extend(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam int weeks,
			@RequestParam Reason reason, @RequestParam(defaultValue = "") String why,
			@RequestParam(required = false) Integer fromWeeks, RedirectAttributes redirect) {
		// The form says how long the trajectory lasted when it was shown: a second click extends nothing more.
		return apply(id, redirect, "trajectory.changed.extended", null, reason, () -> {
			if (fromWeeks == null) {
				lifecycle.extend(id, me.id(), weeks, reason, trim(why));
			}
			else {
				lifecycle.extendFrom(id, me.id(), fromWeeks, weeks, reason, trim(why));
			}
		});
	}

	@PostMapping("/coach/trajectories/{id}/complete")
	String complete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam Reason reason,
			@RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		return apply(id, redirect, "trajectory.changed.completed", TrajectoryStatus.COMPLETED, reason, () -> lifecycle.complete(id, me.id(), reason, trim(why)));
	}

	@PostMapping("/coach/trajectories/{id}/stop")
	String stop(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam Reason reason,
			@RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		return apply(id, redirect, "trajectory.changed.stopped", TrajectoryStatus.STOPPED, reason, () -> lifecycle.stop(id, me.id(), reason, trim(why)));
	}

	@ExceptionHandler(TrajectoryLifecycle.NotYourTrajectoryException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notYours() {
		return "error/404";
	}

	/**
	 * Makes the change and says so. When the trajectory already stands where the change leads (the
	 * second click of a double click, or a colleague's tab), that is said instead of "only a running
	 * trajectory can…": what the coach wanted is the case.
	 */
	private String apply(UUID id, RedirectAttributes redirect, String doneKey, TrajectoryStatus leadsTo, Runnable change) {
		return apply(id, redirect, doneKey, leadsTo, null, change);
	}

	/** The same for a change with a reason: only the coach's reasons count ("matched" or "coach full" would skew the figures). */
	private String apply(UUID id, RedirectAttributes redirect, String doneKey, TrajectoryStatus leadsTo, Reason reason,
			Runnable change) {
		if (reason != null && !Reason.forLifecycle().contains(reason)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a reason a coach gives: " + reason);
		}
		try {
			change.run();
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		catch (IllegalTransitionException e) {
			boolean alreadyThere = leadsTo != null
					&& trajectories.byId(id).map(TrajectoryOverview::status).filter(leadsTo::equals).isPresent();
			if (!alreadyThere) {
				return back(id, redirect, e.messageKey());
			}
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		return "redirect:/coach/trajectories/" + id + "#lifecycle-title";
	}

	private static String back(UUID id, RedirectAttributes redirect, String errorKey) {
		redirect.addFlashAttribute("lifecycleError", errorKey);
		return "redirect:/coach/trajectories/" + id + "/course";
	}

	private static String trim(String why) {
		String text = why.strip();
		return text.isEmpty() ? null : text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
	}
}
