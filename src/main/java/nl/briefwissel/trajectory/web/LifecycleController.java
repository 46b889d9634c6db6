package nl.briefwissel.trajectory.web;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.TypedDate;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.trajectory.IllegalTransitionException;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.SilentTrajectories;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.trajectory.UnansweredLetters;
import nl.briefwissel.trajectory.UnsentLetterDrafts;

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
 * pause, resume, extend, complete, stop, each with a reason that fits it (decision 0064). A change
 * made goes back to the conversation, which says so; a change refused comes back with each sentence
 * at the field it is about and in a list above the forms, with the form as the coach filled it in.
 * Completing and stopping cannot be undone, and ask first. A form that showed the trajectory as it no
 * longer stands (another tab) changes nothing and is answered with the page as it stands now, 409,
 * saying so: it said the change was made while nothing was. The second click of a double click finds
 * what its form asked for made, and says so as the first would have. Each change is on the audit trail
 * as an administrative change is, refused or already made too, by its route and the trajectory, never
 * the coach's words (decision 0140).
 */
@Controller
class LifecycleController {

	/** A change as the coach sent it, given back with its form when it is refused; flashed, so strings that travel in the session. */
	record TypedChange(String form, String reason, String why, String until, String weeks) implements Serializable {

		TypedChange(String form, String reason, String why, String until) {
			this(form, reason, why, until, "");
		}
	}

	private final TrajectoryLifecycle lifecycle;

	private final Trajectories trajectories;

	private final java.time.Clock clock;

	private final UnansweredLetters unanswered;

	private final UnsentLetterDrafts drafts;

	private final SilentTrajectories silent;

	private final nl.briefwissel.trajectory.Extensions extensions;

	LifecycleController(TrajectoryLifecycle lifecycle, Trajectories trajectories, java.time.Clock clock,
			UnansweredLetters unanswered, UnsentLetterDrafts drafts, SilentTrajectories silent,
			nl.briefwissel.trajectory.Extensions extensions) {
		this.extensions = extensions;
		this.silent = silent;
		this.lifecycle = lifecycle;
		this.trajectories = trajectories;
		this.clock = clock;
		this.unanswered = unanswered;
		this.drafts = drafts;
	}

	@GetMapping("/coach/trajectories/{id}/course")
	String course(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model) {
		TrajectoryOverview trajectory = own(id, me);
		model.addAttribute("trajectory", trajectory);
		// Completing waits for the first day; stopping does not (a participant who withdraws before it).
		LocalDate today = LocalDate.now(clock);
		LocalDate startsOn = startsOn(trajectory, today);
		model.addAttribute("startsOn", startsOn);
		model.addAttribute("today", today);
		// The first day a pause can end on (pauseRefusal refuses today and before): the date field offers no other.
		model.addAttribute("pauseEndsFrom", today.plusDays(1));
		// And the last: a later day was only refused after sending, the picker offered years ahead.
		model.addAttribute("pauseEndsBy", TrajectoryLifecycle.latestPauseEnd(today));
		endWarnings(id, me, model);
		model.addAttribute("silence", silent.of(trajectory).orElse(null)); // decision 0108
		model.addAttribute("silentDays", silent.days());
		model.addAttribute("lifecycleReasons", Map.of("pause", Reason.forPausing(), "extend", Reason.forExtending(),
				"complete", Reason.forCompleting(), "stop", Reason.forStopping()));
		model.addAttribute("lifecycleForms", forms(trajectory, startsOn));
		// Stopped by the participant themselves: said, with their words, to the coach (decision 0141).
		model.addAttribute("participantStop", trajectories.stoppedByParticipant(id).orElse(null));
		// Each extension with its weeks and the last contact moment its mail named, as the record says them.
		model.addAttribute("extensions", extensions.of(trajectory));
		// This page's own mark on its extend form: a second click of it is told apart from another tab (extend).
		model.addAttribute("extendFormId", UUID.randomUUID().toString());
		return "trajectory/course";
	}

	/**
	 * The day is read as every date field reads it ({@link TypedDate}): a browser without a date field
	 * sends what was typed (31-12-2026). One that is no day comes back with the form as it was sent, the
	 * day as typed, where before it gave the general "we could not use this" page and lost the explanation.
	 */
	@PostMapping("/coach/trajectories/{id}/pause")
	@Audited(value = AuditAction.ADMINISTRATION, trajectory = "id", fields = { "until", "reason" })
	String pause(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(name = "until", defaultValue = "") String typedUntil,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String why, RedirectAttributes redirect,
			Model model, HttpServletResponse response) {
		own(id, me);
		LocalDate until = TypedDate.read(typedUntil).orElse(null);
		TypedChange typed = new TypedChange("pause", reason, why, until == null ? typedUntil.strip() : until.toString());
		Map<String, String> errors = new LinkedHashMap<>();
		if (TypedDate.unreadable(typedUntil)) {
			errors.put("pause-until", "trajectory.illegal.pauseDateUnreadable");
		}
		else if (until == null) {
			errors.put("pause-until", "trajectory.illegal.pauseDates");
		}
		else {
			// Asked with the reason, so a day in the past and no reason are said together, not one after the other.
			TrajectoryLifecycle.pauseRefusal(LocalDate.now(clock), until).ifPresent(key -> errors.put("pause-until", key));
		}
		Reason chosen = chosen(typed, Reason.forPausing(), errors);
		if (!errors.isEmpty()) {
			return shownAgain(id, me, errors, typed, model);
		}
		// Paused meanwhile until this day (a double click) is what the coach wanted; until another day, it is not.
		return apply(id, me, model, redirect, "trajectory.changed.paused", TrajectoryStatus.PAUSED, typed, text -> {
			try {
				lifecycle.pause(id, me.id(), until, chosen, text);
			}
			catch (IllegalTransitionException e) {
				if (trajectories.byId(id).filter(t -> t.pausedUntil() != null && !until.equals(t.pausedUntil())).isPresent()) {
					throw new ChangedSince();
				}
				throw e;
			}
		}, () -> changedSince(id, me, typed, model, response));
	}

	/**
	 * The page says until when the pause it showed lasts ({@code pausedUntil}). Running again (a double click,
	 * or the pause ended by itself after the page was opened) is as the coach wanted; paused until another day
	 * (resumed and paused again in another tab), the pause to end is not the one the coach saw, and nothing is
	 * resumed. A form without the day (a page opened before it said it) resumes as it did.
	 */
	@PostMapping("/coach/trajectories/{id}/resume")
	@Audited(value = AuditAction.ADMINISTRATION, trajectory = "id", fields = "pausedUntil")
	String resume(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(name = "pausedUntil", defaultValue = "") String shownUntil, RedirectAttributes redirect, Model model,
			HttpServletResponse response) {
		own(id, me);
		LocalDate shown = TypedDate.read(shownUntil).orElse(null);
		TypedChange typed = new TypedChange("resume", "", "", shown == null ? "" : shown.toString());
		return apply(id, me, model, redirect, "trajectory.changed.resumed", TrajectoryStatus.RUNNING, typed, explanation -> {
			if (shown == null) {
				lifecycle.resume(id, me.id());
				return;
			}
			switch (lifecycle.resumeFrom(id, me.id(), shown)) {
				case CHANGED_MEANWHILE -> throw new ChangedSince();
				case STANDS_ALREADY -> throw new StandsAlready();
				case MADE -> {
				}
			}
		}, () -> changedSince(id, me, typed, model, response));
	}

	/** Weeks that are no number (an address changed by hand) come back at their field, as weeks too many do. */
	@PostMapping("/coach/trajectories/{id}/extend")
	@Audited(value = AuditAction.ADMINISTRATION, trajectory = "id", fields = { "weeks", "fromWeeks", "reason" })
	String extend(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(name = "weeks", defaultValue = "") String typedWeeks,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String why,
			@RequestParam(required = false) Integer fromWeeks, @RequestParam(defaultValue = "") String formId, HttpSession session,
			RedirectAttributes redirect, Model model, HttpServletResponse response) {
		TrajectoryOverview trajectory = own(id, me);
		TypedChange typed = new TypedChange("extend", reason, why, "", typedWeeks.strip());
		Map<String, String> errors = new LinkedHashMap<>();
		Integer weeks = wholeNumber(typedWeeks);
		if (weeks == null) {
			errors.put("extend-weeks", "trajectory.illegal.extendWeeksChoose");
		}
		else {
			// Against the length the form showed: the second click of a double click asks for what the first made.
			TrajectoryLifecycle.extensionRefusal(fromWeeks == null ? trajectory.totalWeeks() : fromWeeks, weeks)
				.ifPresent(key -> errors.put("extend-weeks", key));
		}
		Reason chosen = chosen(typed, Reason.forExtending(), errors);
		if (!errors.isEmpty()) {
			return shownAgain(id, me, errors, typed, model);
		}
		// The form says how long the trajectory lasted when it was shown. The second click of a double click finds
		// it as the first made it, what this form asked for, and says so (the browser shows only this answer); a
		// second tab that showed six weeks after another change made them seven extends nothing more and is not
		// told it did. Nor is a second tab that asked for the same weeks as the first: seven weeks stand as it
		// asked, but not by its doing. The page's mark tells the two apart: the first click of this very form
		// left it in the session, or (both clicks under way at once) the trajectory still lasted what the form
		// showed when this request read it above, after the first had begun.
		String extendedBy = EXTENDED_BY + id;
		return apply(id, me, model, redirect, "trajectory.changed.extended", null, typed, text -> {
			if (fromWeeks == null) {
				lifecycle.extend(id, me.id(), weeks, chosen, text);
			}
			else {
				switch (lifecycle.extendFrom(id, me.id(), fromWeeks, weeks, chosen, text)) {
					case CHANGED_MEANWHILE -> throw new ChangedSince();
					case STANDS_ALREADY -> {
						// A form without a mark (a page shown before forms carried one) keeps the calm answer.
						boolean sameForm = formId.isBlank() || formId.equals(session.getAttribute(extendedBy))
								|| trajectory.totalWeeks() == fromWeeks;
						throw sameForm ? new StandsAlready() : new ChangedSince();
					}
					case MADE -> {
						if (isFormMark(formId)) { // only a mark the page made goes into the session, nothing larger
							session.setAttribute(extendedBy, formId);
						}
					}
				}
			}
		}, () -> changedSince(id, me, typed, model, response));
	}

	/**
	 * Completing and stopping end the trajectory for good (WCAG 3.3.4): the form leads to a page that
	 * says what will happen, and only its "yes" ({@code confirmed}) changes anything. Its "back" returns
	 * to the form as it was filled in.
	 */
	@PostMapping("/coach/trajectories/{id}/complete")
	@Audited(value = AuditAction.ADMINISTRATION, trajectory = "id", fields = { "reason", "confirmed" })
	String complete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String why, @RequestParam(defaultValue = "false") boolean confirmed,
			@RequestParam(required = false) String back, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return end(own(id, me), me, new TypedChange("complete", reason, why, ""), Reason.forCompleting(), confirmed, back != null,
				model, redirect, response, "trajectory.changed.completed", TrajectoryStatus.COMPLETED,
				(chosen, text) -> lifecycle.complete(id, me.id(), chosen, text));
	}

	@PostMapping("/coach/trajectories/{id}/stop")
	@Audited(value = AuditAction.ADMINISTRATION, trajectory = "id", fields = { "reason", "confirmed" })
	String stop(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String why, @RequestParam(defaultValue = "false") boolean confirmed,
			@RequestParam(required = false) String back, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return end(own(id, me), me, new TypedChange("stop", reason, why, ""), Reason.forStopping(), confirmed, back != null,
				model, redirect, response, "trajectory.changed.stopped", TrajectoryStatus.STOPPED,
				(chosen, text) -> lifecycle.stop(id, me.id(), chosen, text));
	}

	/**
	 * A trajectory found ended already: by this change with this reason and these words, the second click of a
	 * double click, which says so as the first did; ended otherwise (the other end, another reason, another tab,
	 * the silence rule), nothing of this form was made, and the course page says what it is now, 409, with the
	 * reason and words the coach gave kept to copy.
	 */
	private String end(TrajectoryOverview trajectory, SignedInAccount me, TypedChange typed, List<Reason> offered, boolean confirmed, boolean back,
			Model model, RedirectAttributes redirect, HttpServletResponse response, String doneKey, TrajectoryStatus leadsTo,
			BiConsumer<Reason, String> change) {
		UUID id = trajectory.id();
		if (back) {
			AuditedChange.refused(); // back to the form: nothing changed
			redirect.addFlashAttribute("lifecycleTyped", typed);
			return "redirect:/coach/trajectories/" + id + "/course#" + typed.form() + "-reason";
		}
		Map<String, String> errors = new LinkedHashMap<>();
		Reason chosen = chosen(typed, offered, errors);
		if (!errors.isEmpty()) {
			return shownAgain(id, me, errors, typed, model);
		}
		// A trajectory that can no longer end this way (ended already, or not begun for completing) is not
		// asked about: the change is tried and says why not, or that it is so already.
		boolean canEnd = trajectory.status() == TrajectoryStatus.RUNNING || trajectory.status() == TrajectoryStatus.PAUSED;
		boolean begun = trajectory.startedOn() != null && !trajectory.startedOn().isAfter(LocalDate.now(clock));
		if (!confirmed && canEnd && (leadsTo == TrajectoryStatus.STOPPED || begun)) {
			model.addAttribute("trajectory", trajectory);
			model.addAttribute("typed", typed);
			model.addAttribute("reason", chosen);
			model.addAttribute("explanation", explanation(typed.why()));
			// Said as it will be, not "if they agreed": the app knows whether the employer hears of a completion.
			model.addAttribute("employerTold", trajectories.employerToldOnCompletion(id));
			// Where the coach in fact decides: the form may have been filled in before, or in another tab.
			endWarnings(id, me, model);
			AuditedChange.refused(); // only asked: the trail has the end when its 'yes' makes it
			return "trajectory/course-confirm";
		}
		return apply(id, me, model, redirect, doneKey, leadsTo, typed, text -> {
			try {
				change.accept(chosen, text);
			}
			catch (IllegalTransitionException e) {
				boolean ended = trajectories.byId(id).map(t -> t.status().ended()).orElse(false);
				if (ended && !endedSo(id, leadsTo, chosen, text)) {
					throw new ChangedSince();
				}
				throw e;
			}
		}, () -> changedSince(id, me, typed, model, response));
	}

	/**
	 * Whether the trajectory's last change ended it as this form asked: the same end, reason and words. Words that
	 * cannot be read (the key gone) are taken as the same: the end and reason alone say it was this form's press.
	 */
	private boolean endedSo(UUID id, TrajectoryStatus leadsTo, Reason chosen, String text) {
		List<Trajectories.Change> history = trajectories.history(id);
		if (history.isEmpty()) {
			return false;
		}
		Trajectories.Change last = history.get(history.size() - 1);
		return last.to() == leadsTo && last.reason() == chosen && (!last.whyReadable() || Objects.equals(last.why(), text));
	}

	/**
	 * What completing or stopping would leave undone, said on their forms and again on their
	 * confirmation; warnings, not refusals. Both end the trajectory, so the same holds for both: a closing
	 * summary still a draft is not sent by either and can no longer be sent after (decision 0086). A
	 * letter of the participant the coach has not answered, perhaps one that came since the form was
	 * opened, would otherwise be left unanswered by the end without the coach knowing; a stop's mail to
	 * the participant does not answer it either. The coach's own draft of a letter, not sent, can no
	 * longer be sent after the end either: their conversation page then shows it only to copy, until the
	 * trajectory is erased (decision 0108). A summary sent that the participant has not answered, by a reaction
	 * or a letter since: its mail tells them they can react while the trajectory runs, and a coach completed
	 * 13 seconds after sending it. The mail names no number of days, so no time makes the warning go: only
	 * the participant's answer does.
	 */
	private void endWarnings(UUID id, SignedInAccount me, Model model) {
		model.addAttribute("summaryUnsent", trajectories.closingSummaryUnsent(id));
		LocalDate summarySentOn = trajectories.closingSummarySentWithoutReaction(id)
			.filter(sent -> unanswered.participantLastWrote(id).filter(wrote -> !wrote.isBefore(sent)).isEmpty())
			.map(this::day)
			.orElse(null);
		model.addAttribute("summarySentOn", summarySentOn);
		model.addAttribute("summarySentToday", LocalDate.now(clock).equals(summarySentOn));
		// Days in the programme's zone, whatever zone a port hands its moments back in (PostgreSQL's own is UTC).
		model.addAttribute("waitingSince", unanswered.waitingSince(id).map(this::day).orElse(null));
		model.addAttribute("letterDraftSavedOn", drafts.savedAt(id, me.id()).map(this::day).orElse(null));
	}

	private LocalDate day(OffsetDateTime at) {
		return at.atZoneSameInstant(clock.getZone()).toLocalDate();
	}

	@ExceptionHandler(TrajectoryLifecycle.NotYourTrajectoryException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notYours() {
		return "error/404";
	}

	/**
	 * Makes the change and says so. When the trajectory already stands where the change leads (the
	 * second click of a double click, or a colleague's tab), that is said instead of "only a running
	 * trajectory can…": what the coach wanted is the case. A change that finds the trajectory changed
	 * since its form was shown ({@link ChangedSince}) made nothing and answers with {@code changedSince}, as
	 * does one refused because the trajectory has ended meanwhile: its form is gone from the page, and with
	 * it what the coach typed. An explanation is given to the change as it is kept.
	 */
	private String apply(UUID id, SignedInAccount me, Model model, RedirectAttributes redirect, String doneKey, TrajectoryStatus leadsTo, TypedChange typed,
			Consumer<String> change, Supplier<String> changedSince) {
		try {
			change.accept(typed == null ? null : explanation(typed.why()));
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		catch (ChangedSince e) {
			return changedSince.get();
		}
		catch (StandsAlready e) {
			AuditedChange.already();
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		catch (IllegalTransitionException e) {
			TrajectoryStatus now = trajectories.byId(id).map(TrajectoryOverview::status).orElse(null);
			boolean alreadyThere = leadsTo != null && leadsTo == now;
			if (!alreadyThere && changedSince != null && now != null && now.ended()) {
				return changedSince.get();
			}
			if (!alreadyThere) {
				return shownAgain(id, me, Map.of(typed == null ? "" : field(e.messageKey(), typed.form()), e.messageKey()), typed, model);
			}
			AuditedChange.already();
			redirect.addFlashAttribute("lifecycleDone", doneKey);
		}
		return "redirect:/coach/trajectories/" + id + "#lifecycle-title";
	}

	/**
	 * The course page as the trajectory stands now, answered 409 (the trajectory's state is in the way, not
	 * the form), saying above the forms that it changed meanwhile and nothing was; the form comes back as it
	 * was sent, so the coach's reason and words are not lost, and shows the trajectory as it is now.
	 */
	private String changedSince(UUID id, SignedInAccount me, TypedChange typed, Model model, HttpServletResponse response) {
		AuditedChange.refused();
		RefusedForm.stateInTheWay();
		response.setStatus(HttpStatus.CONFLICT.value());
		model.addAttribute("lifecycleTyped", typed);
		model.addAttribute("lifecycleChangedSince", typed.form());
		return course(id, me, model);
	}

	/** The session's note of the extend form (its page's mark) that last extended a trajectory, by the trajectory's id. */
	private static final String EXTENDED_BY = LifecycleController.class.getName() + ".extendedBy.";

	/** Nothing changed: the trajectory no longer stands as the form that asked for the change showed it. */
	private static final class ChangedSince extends RuntimeException {

		ChangedSince() {
			super(null, null, false, false);
		}
	}

	/** Nothing changed: the trajectory stands as the form asked for already (its second click). */
	private static final class StandsAlready extends RuntimeException {

		StandsAlready() {
			super(null, null, false, false);
		}
	}

	/**
	 * The reason sent, if it is one this change offers; else, as for 'other' without words and an
	 * explanation longer than its column (refused, not cut: the coach would not know what of it was
	 * kept), the sentence for its field. A code sent by hand ("matched" would count in the figures)
	 * is a reason not chosen.
	 */
	private static Reason chosen(TypedChange typed, List<Reason> offered, Map<String, String> errors) {
		Reason reason = Reason.chosenFrom(offered, typed.reason());
		String explanation = explanation(typed.why());
		if (reason == null) {
			errors.put(typed.form() + "-reason", TrajectoryLifecycle.REASON_MISSING);
		}
		TrajectoryLifecycle.explanationRefusal(reason, explanation).ifPresent(key -> errors.put(typed.form() + "-why", key));
		return reason;
	}

	/** The number typed, or null for none: how many weeks are too many is the trajectory's to say. */
	private static Integer wholeNumber(String typed) {
		try {
			return Integer.valueOf(typed.strip());
		}
		catch (NumberFormatException notOne) {
			return null;
		}
	}

	/** The field a refusal is about, its element's id; "" for one about the whole change. */
	private static String field(String errorKey, String form) {
		return switch (errorKey) {
			case "trajectory.illegal.pauseDates", "trajectory.illegal.pauseLength" -> "pause-until";
			case "trajectory.illegal.extendWeeks" -> "extend-weeks";
			case TrajectoryLifecycle.REASON_MISSING -> form + "-reason";
			case TrajectoryLifecycle.WHY_TOO_LONG, TrajectoryLifecycle.OTHER_WITHOUT_WHY -> form + "-why";
			default -> "";
		};
	}

	/**
	 * The course page again with the refusals (field id, "" for none, to sentence) and the form as it was sent:
	 * each sentence stands at its field and in the list above the forms, which links to it when the field is on
	 * the page and takes the focus. A mistake in what was typed answers 422; a refusal about no field (completing
	 * before the first day, from a page opened before) is the trajectory's state in the way, 409 (decision 0139), and
	 * so is one about a field of a form the page no longer offers (a pause sent from a page opened before the
	 * trajectory was paused in another tab): nothing typed on the page now can be put right.
	 * It was a redirect with the refusals flashed, answered 200 by the page after it, as if the change was made.
	 */
	private String shownAgain(UUID id, SignedInAccount me, Map<String, String> errors, TypedChange typed, Model model) {
		AuditedChange.refused();
		TrajectoryOverview trajectory = own(id, me);
		Set<String> offered = forms(trajectory, startsOn(trajectory, LocalDate.now(clock)));
		// A field's id starts with its form's: pause-until, extend-weeks, stop-reason.
		if (errors.keySet().stream().noneMatch(field -> !field.isEmpty() && offered.contains(field.split("-", 2)[0]))) {
			RefusedForm.stateInTheWay();
			// Nothing typed is wrong: the list's heading says the change cannot be made now, not what to fill in.
			model.addAttribute("lifecycleStateInTheWay", Boolean.TRUE);
		}
		else {
			RefusedForm.shownAgain();
		}
		model.addAttribute("lifecycleErrors", new LinkedHashMap<>(errors));
		if (typed != null) {
			model.addAttribute("lifecycleTyped", typed);
		}
		return course(id, me, model);
	}

	/** This coach's trajectory; another coach's id must not even confirm that the trajectory exists. */
	private TrajectoryOverview own(UUID id, SignedInAccount me) {
		return trajectories.byId(id).filter(t -> t.coachedBy(me.id())).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** The day a trajectory accepted to start later starts on, while it is still ahead; null once it started. */
	private static LocalDate startsOn(TrajectoryOverview trajectory, LocalDate today) {
		return trajectory.startsAfter(today) ? trajectory.startedOn() : null;
	}

	/** The forms the course page shows, by the prefix of their fields' ids. */
	private static Set<String> forms(TrajectoryOverview trajectory, LocalDate startsOn) {
		Set<String> forms = new HashSet<>();
		if (trajectory.status() == TrajectoryStatus.RUNNING || trajectory.status() == TrajectoryStatus.PAUSED) {
			if (trajectory.status() == TrajectoryStatus.RUNNING) {
				forms.add("pause");
			}
			if (trajectory.weeksToExtend() > 0) {
				forms.add("extend");
			}
			if (startsOn == null) {
				forms.add("complete");
			}
			forms.add("stop");
		}
		return forms;
	}

	/**
	 * The explanation as it is kept, or null. A browser sends a line break as two characters where its
	 * maxlength counted one; kept as one, what the textarea allowed fits the column.
	 */
	private static String explanation(String why) {
		String text = why.replace("\r\n", "\n").strip();
		return text.isEmpty() ? null : text;
	}

	/** A course page's form mark is a UUID the page drew; anything else sent in its place is not kept. */
	private static boolean isFormMark(String formId) {
		try {
			UUID.fromString(formId);
			return formId.length() == 36; // as UUID.toString writes it: fromString takes shorter groups too
		}
		catch (IllegalArgumentException notOurs) {
			return false;
		}
	}
}
