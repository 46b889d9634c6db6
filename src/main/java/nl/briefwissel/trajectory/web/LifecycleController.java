package nl.briefwissel.trajectory.web;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;

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
 * above the forms, or at the field it is about, with the form as the coach filled it in.
 */
@Controller
class LifecycleController {

	/** The explanation's column (V8) and the textarea's maxlength. */
	private static final int MAX_REASON = 2000;

	private static final String WHY_TOO_LONG = "trajectory.lifecycle.whyTooLong";

	/** A change as the coach sent it, given back with its form when it is refused; flashed, so strings that travel in the session. */
	record TypedChange(String form, String reason, String why, String until, String weeks) implements Serializable {

		TypedChange(String form, String reason, String why, String until) {
			this(form, reason, why, until, "");
		}
	}

	private final TrajectoryLifecycle lifecycle;

	private final Trajectories trajectories;

	private final java.time.Clock clock;

	LifecycleController(TrajectoryLifecycle lifecycle, Trajectories trajectories, java.time.Clock clock) {
		this.lifecycle = lifecycle;
		this.trajectories = trajectories;
		this.clock = clock;
	}

	@GetMapping("/coach/trajectories/{id}/course")
	String course(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model) {
		TrajectoryOverview trajectory = trajectories.byId(id)
			.filter(t -> t.coachedBy(me.id()))
			// Another coach's id must not even confirm that the trajectory exists.
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("trajectory", trajectory);
		// Completing waits for the first day; stopping does not (a participant who withdraws before it).
		model.addAttribute("startsOn", trajectory.startedOn() != null && trajectory.startedOn().isAfter(java.time.LocalDate.now(clock))
				? trajectory.startedOn() : null);
		return "trajectory/course";
	}

	@PostMapping("/coach/trajectories/{id}/pause")
	String pause(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
			@RequestParam Reason reason, @RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		TypedChange typed = new TypedChange("pause", reason.name(), why, until == null ? "" : until.toString());
		if (until == null) {
			return back(id, redirect, "trajectory.illegal.pauseDates", typed);
		}
		return apply(id, redirect, "trajectory.changed.paused", TrajectoryStatus.PAUSED, reason, typed,
				text -> lifecycle.pause(id, me.id(), until, reason, text));
	}

	@PostMapping("/coach/trajectories/{id}/resume")
	String resume(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		// Running again (a double click, or the pause ended by itself after the page was opened): as the coach wanted.
		return apply(id, redirect, "trajectory.changed.resumed", TrajectoryStatus.RUNNING, () -> lifecycle.resume(id, me.id()));
	}

	@PostMapping("/coach/trajectories/{id}/extend")
	String extend(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam int weeks,
			@RequestParam Reason reason, @RequestParam(defaultValue = "") String why,
			@RequestParam(required = false) Integer fromWeeks, RedirectAttributes redirect) {
		// The form says how long the trajectory lasted when it was shown: a second click extends nothing more.
		return apply(id, redirect, "trajectory.changed.extended", null, reason, new TypedChange("extend", reason.name(), why, "", String.valueOf(weeks)), text -> {
			if (fromWeeks == null) {
				lifecycle.extend(id, me.id(), weeks, reason, text);
			}
			else {
				lifecycle.extendFrom(id, me.id(), fromWeeks, weeks, reason, text);
			}
		});
	}

	@PostMapping("/coach/trajectories/{id}/complete")
	String complete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam Reason reason,
			@RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		return apply(id, redirect, "trajectory.changed.completed", TrajectoryStatus.COMPLETED, reason,
				new TypedChange("complete", reason.name(), why, ""), text -> lifecycle.complete(id, me.id(), reason, text));
	}

	@PostMapping("/coach/trajectories/{id}/stop")
	String stop(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam Reason reason,
			@RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		return apply(id, redirect, "trajectory.changed.stopped", TrajectoryStatus.STOPPED, reason,
				new TypedChange("stop", reason.name(), why, ""), text -> lifecycle.stop(id, me.id(), reason, text));
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
		return apply(id, redirect, doneKey, leadsTo, null, null, explanation -> change.run());
	}

	/**
	 * The same for a change with a reason and an explanation, which the change is given as it is kept.
	 * Only the coach's reasons count ("matched" or "coach full" would skew the figures); an explanation
	 * longer than its column is refused, not cut: the coach would not know what of it was kept.
	 */
	private String apply(UUID id, RedirectAttributes redirect, String doneKey, TrajectoryStatus leadsTo, Reason reason,
			TypedChange typed, Consumer<String> change) {
		if (reason != null && !Reason.forLifecycle().contains(reason)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a reason a coach gives: " + reason);
		}
		String explanation = typed == null ? null : explanation(typed.why());
		if (explanation != null && explanation.length() > MAX_REASON) {
			return back(id, redirect, WHY_TOO_LONG, typed);
		}
		try {
			change.accept(explanation);
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		catch (IllegalTransitionException e) {
			boolean alreadyThere = leadsTo != null
					&& trajectories.byId(id).map(TrajectoryOverview::status).filter(leadsTo::equals).isPresent();
			if (!alreadyThere) {
				return back(id, redirect, e.messageKey(), typed);
			}
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		return "redirect:/coach/trajectories/" + id + "#lifecycle-title";
	}

	/**
	 * Back to the forms with the refusal and the form as it was sent: the sentence stands at the field
	 * it is about ({@code lifecycleField}, that field's id, where the page opens), else above the forms.
	 */
	private static String back(UUID id, RedirectAttributes redirect, String errorKey, TypedChange typed) {
		redirect.addFlashAttribute("lifecycleError", errorKey);
		if (typed == null) {
			return "redirect:/coach/trajectories/" + id + "/course";
		}
		redirect.addFlashAttribute("lifecycleTyped", typed);
		String field = switch (errorKey) {
			case "trajectory.illegal.pauseDates", "trajectory.illegal.pauseLength" -> "pause-until";
			case "trajectory.illegal.extendWeeks" -> "extend-weeks";
			case WHY_TOO_LONG -> typed.form() + "-why";
			default -> null;
		};
		if (field == null) {
			return "redirect:/coach/trajectories/" + id + "/course";
		}
		redirect.addFlashAttribute("lifecycleField", field);
		return "redirect:/coach/trajectories/" + id + "/course#" + field;
	}

	/**
	 * The explanation as it is kept, or null. A browser sends a line break as two characters where its
	 * maxlength counted one; kept as one, what the textarea allowed fits the column.
	 */
	private static String explanation(String why) {
		String text = why.replace("\r\n", "\n").strip();
		return text.isEmpty() ? null : text;
	}
}
