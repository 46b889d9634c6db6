package nl.briefwissel.trajectory.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Handovers;
import nl.briefwissel.trajectory.IllegalTransitionException;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;

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
 * The programme manager hands a trajectory under way over to another coach of the pool, on a page
 * of its own: who has it now, who could take it (with their load), and why ('Anders' only with words,
 * which the participant's record shows: decision 0068). Names, phase and dates
 * only, as everywhere the manager looks. A refused choice comes back on the page as it was made,
 * the sentence at the field it is about; done, it goes back to the programme's list, which says so.
 * A coach without room is not refused outright (a handover is often urgent): the page comes back naming
 * the coach and their places, with a box "hand over anyway" that confirms that coach only (decision 0027).
 */
@Controller
class HandoverController {

	private final Trajectories trajectories;

	private final Programmes programmes;

	private final Handovers handovers;

	private final Clock clock;

	HandoverController(Trajectories trajectories, Programmes programmes, Handovers handovers, Clock clock) {
		this.clock = clock;
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.handovers = handovers;
	}

	@GetMapping("/programme/trajectories/{id}/handover")
	String page(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model) {
		return show(own(id, me), null, null, null, null, Map.of(), null, null, model);
	}

	/**
	 * A handover mails the participant and both coaches at once and cannot be taken back (WCAG 3.3.4): a form without
	 * mistakes leads to a page that names who is concerned and what will happen, and only its "yes"
	 * ({@code confirmed}) hands over. Its "back" returns to the form as it was filled in, a box ticked still ticked.
	 */
	@PostMapping("/programme/trajectories/{id}/handover")
	String handOver(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) String coach, @RequestParam(required = false) String reason,
			@RequestParam(defaultValue = "") String why, @RequestParam(required = false) String evenIfFull,
			@RequestParam(defaultValue = "false") boolean confirmed, @RequestParam(required = false) String back, Model model,
			RedirectAttributes redirect) {
		TrajectoryOverview trajectory = own(id, me);
		UUID coachId = uuid(coach);
		if (back != null) {
			AuditedChange.refused(); // back to the form: nothing changed, so nothing on the trail
			return show(trajectory, coach, reason, why, evenIfFull, Map.of(), null, coachId, model);
		}
		Reason chosen = Reason.chosenFrom(Reason.forHandover(), reason);
		Map<String, String> errors = new LinkedHashMap<>();
		if (coachId == null) {
			errors.put("coach", "handover.error.coach");
		}
		if (chosen == null) {
			errors.put("reason", "handover.error.reason");
		}
		// 'Other' says nothing by itself (decision 0068, as the course's changes in 0064).
		TrajectoryLifecycle.explanationRefusal(chosen, why).ifPresent(key -> errors.put("why", key));
		if (!errors.isEmpty()) {
			AuditedChange.refused();
			RefusedForm.shownAgain();
			// A full coach chosen is asked about now too, and a tick already given stays: one more click otherwise.
			return show(trajectory, coach, reason, why, evenIfFull, errors, null, coachId, model);
		}
		// The box carries the id of the coach it was ticked for: choosing another full coach after it asks again.
		boolean evenIfFullTicked = coach.equals(evenIfFull);
		String key = "handover.done";
		try {
			if (!confirmed && handovers.wouldHandOver(trajectory.id(), coachId, chosen, why, evenIfFullTicked)) {
				AuditedChange.refused(); // only asked: the trail has the handover when its 'yes' makes it
				return confirmation(trajectory, coachId, chosen, why, evenIfFull, model);
			}
			if (handovers.handOver(trajectory.id(), coachId, chosen, why, me.id(), evenIfFullTicked) == Handovers.Outcome.ALREADY) {
				// The coach it has (a page left open, the second click): nothing changed and nobody was mailed now.
				AuditedChange.already();
				key = "handover.already";
			}
		}
		catch (IllegalTransitionException e) {
			AuditedChange.refused();
			// Not in the pool or not eligible is about the choice; an ended trajectory about the whole page.
			// A full coach is a question, not a mistake: 200 as the confirmation, the page asks to go on. A coach not
			// in the pool or not eligible is a choice refused at the field (422, decision 0139).
			if (e.messageKey().startsWith("handover.")) {
				UUID full = "handover.illegal.full".equals(e.messageKey()) ? coachId : null;
				if (full == null) {
					RefusedForm.shownAgain();
				}
				return show(trajectory, coach, reason, why, evenIfFull, Map.of("coach", e.messageKey()), null, full, model);
			}
			// The trajectory's state (ended meanwhile) is in the way, not the choice: 409 (decision 0139, amended).
			RefusedForm.stateInTheWay();
			return show(trajectories.byId(id).orElseThrow(), coach, reason, why, evenIfFull, Map.of(), e.messageKey(), null, model);
		}
		TrajectoryOverview after = trajectories.byId(id).orElseThrow();
		redirect.addFlashAttribute("handedOver", Map.of("participant", after.participantName(), "coach", after.coachName(),
				"programme", after.programmeId(), "key", key));
		return "redirect:/programme#trajectories-" + after.programmeId();
	}

	/**
	 * The question before the handover: the participant, the coach now and the new one, the reason and the words the
	 * participant will read with it. Names only, as everywhere the manager looks: nothing of what was written.
	 */
	private String confirmation(TrajectoryOverview trajectory, UUID coachId, Reason reason, String why, String evenIfFull,
			Model model) {
		Matching.Candidate next = handovers.candidates(trajectory)
			.stream()
			.filter(c -> c.coach().id().equals(coachId))
			.findFirst()
			.orElseThrow();
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("newCoach", next);
		model.addAttribute("reason", reason);
		model.addAttribute("why", why);
		model.addAttribute("explanation", why == null || why.isBlank() ? null : why.strip());
		model.addAttribute("evenIfFull", evenIfFull);
		return "trajectory/handover-confirm";
	}

	/**
	 * The page, with what was chosen and ticked. {@code chosenCoachId}: the coach to ask about when they have no
	 * room; ticked for them ({@code evenIfFull} their id), the box stays ticked and their places are said without
	 * an error, else the question is the coach choice's error.
	 */
	private String show(TrajectoryOverview trajectory, String typedCoach, String typedReason, String typedWhy, String evenIfFull,
			Map<String, String> errors, String problem, UUID chosenCoachId, Model model) {
		List<Matching.Candidate> candidates = handovers.candidates(trajectory);
		// The coach without room, named with their places from the same read as the list.
		Matching.Candidate fullCoach = chosenCoachId == null ? null
				: candidates.stream()
					.filter(c -> c.coach().id().equals(chosenCoachId) && c.eligible() && !c.hasRoom())
					.findFirst()
					.orElse(null);
		boolean confirmed = fullCoach != null && fullCoach.coach().id().toString().equals(evenIfFull);
		if (fullCoach != null && !confirmed && !errors.containsKey("coach")) {
			errors = new LinkedHashMap<>(errors);
			errors.put("coach", "handover.illegal.full");
		}
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("today", LocalDate.now(clock)); // a start still ahead, or never reached, is said as planned
		model.addAttribute("candidates", candidates);
		model.addAttribute("reasons", Reason.forHandover());
		model.addAttribute("typedCoach", typedCoach);
		model.addAttribute("typedReason", typedReason);
		model.addAttribute("typedWhy", typedWhy);
		model.addAttribute("errors", errors);
		model.addAttribute("problem", problem);
		model.addAttribute("underway", trajectory.underway());
		model.addAttribute("fullCoach", fullCoach);
		model.addAttribute("fullConfirmed", confirmed);
		return "trajectory/handover";
	}

	/** The trajectory, if it belongs to a programme of the manager's organisation; else 404, as if there were none. */
	/** Never an erased one: of it only numbers without a name stay, not a page with its participant and dates. */
	private TrajectoryOverview own(UUID id, SignedInAccount me) {
		return trajectories.withContent(id)
			.filter(t -> programmes.byId(t.programmeId()).map(p -> p.organisationId().equals(me.organisationId())).orElse(false))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static UUID uuid(String value) {
		try {
			return value == null || value.isBlank() ? null : UUID.fromString(value);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
