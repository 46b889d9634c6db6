package nl.briefwissel.conversation.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.CoachCards;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.context.MessageSource;
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
 * The participant lays the coach cards: five places, each a choice from the deck the assignment was
 * given with (decision 0080), so it works without JavaScript and with a keyboard or screen reader. The
 * top five goes to the coach as the participant's next message, which answers the assignment.
 */
@Controller
class CoachCardsController {

	private static final int MAX_EXPLANATION = 8000;

	private final Trajectories trajectories;

	private final GivenAssignments given;

	private final CoachCards cards;

	private final Conversations conversations;

	private final MessageSource texts;

	CoachCardsController(Trajectories trajectories, GivenAssignments given, CoachCards cards, Conversations conversations,
			MessageSource texts) {
		this.trajectories = trajectories;
		this.given = given;
		this.cards = cards;
		this.conversations = conversations;
		this.texts = texts;
	}

	/**
	 * The link in the letter that gives coach cards: written before the assignment is given, so it names the
	 * trajectory, not the given assignment. Opens its one open coach-cards assignment; with several, the
	 * conversation, which links each open one. With none open but cards laid, the page that says so (the
	 * link went silently to the conversation, as if it were broken); cards answered by a letter were not laid,
	 * and go to the conversation. Not the participant's: not found. Without a trajectory (an address shortened
	 * by hand, a bookmark) the one under way, and with none or several the participant's start page: it gave the
	 * general "we could not use this" page and logged a missing parameter.
	 */
	@GetMapping("/participant/cards")
	String layInTrajectory(@RequestParam(required = false) UUID trajectory, @AuthenticationPrincipal SignedInAccount me) {
		if (trajectory == null) {
			List<TrajectoryOverview> underway = trajectories.ofParticipant(me.id()).stream().filter(TrajectoryOverview::underway).toList();
			return underway.size() == 1 ? layInTrajectory(underway.get(0).id(), me) : "redirect:/participant";
		}
		TrajectoryOverview mine = trajectories.ofParticipant(me.id())
			.stream()
			.filter(t -> t.id().equals(trajectory))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<GivenAssignments.Given> open = !mine.underway() ? List.of()
				: given.of(trajectory).stream().filter(g -> g.type() == AssignmentType.COACH_CARDS && !g.answered()).toList();
		if (open.size() == 1) {
			return "redirect:/participant/cards/" + open.get(0).id();
		}
		if (open.isEmpty()) {
			Optional<GivenAssignments.Given> laid = given.of(trajectory)
				.stream()
				.filter(g -> g.type() == AssignmentType.COACH_CARDS && g.laid())
				.max(java.util.Comparator.comparing(GivenAssignments.Given::answeredAt,
						java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
			if (laid.isPresent()) {
				return "redirect:/participant/cards/" + laid.get().id();
			}
		}
		return conversation(trajectory);
	}

	@GetMapping("/participant/cards/{given}")
	String lay(@PathVariable("given") UUID givenId, @AuthenticationPrincipal SignedInAccount me, Model model) {
		Optional<GivenAssignments.Given> open = open(givenId, me);
		if (open.isEmpty()) {
			// Laid already (the mail's link, opened again): said, with the way to the letter that holds them.
			// It was "Pagina niet gevonden", which reads as if the cards were lost.
			GivenAssignments.Given answered = answered(givenId, me)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			if (!answered.laid()) {
				// Answered by a letter (a mail, or the one its coach linked): no cards were laid, and "Je hebt je
				// kaarten al gelegd" would say what did not happen. The letter that answered it, in its conversation.
				return conversation(answered.trajectoryId()) + "#m-" + answered.answerMessageId();
			}
			model.addAttribute("laid", answered);
			return "conversation/coach-cards-laid";
		}
		GivenAssignments.Given assignment = open.get();
		model.addAttribute("assignment", assignment);
		if (!model.containsAttribute("submission")) {
			model.addAttribute("submission", UUID.randomUUID()); // the answer is written once
		}
		// Only the assignment's own deck, as given: "Jouw top vijf waarden" offered every quality in each place too.
		List<CoachCards.Card> offered = cards.offeredFor(assignment);
		model.addAttribute("values", offered.stream().filter(c -> c.kind() == CoachCards.Kind.VALUE).toList());
		model.addAttribute("qualities", offered.stream().filter(c -> c.kind() == CoachCards.Kind.QUALITY).toList());
		model.addAttribute("places", CoachCards.TOP);
		return "conversation/coach-cards";
	}

	@PostMapping("/participant/cards/{given}")
	String send(@PathVariable("given") UUID givenId, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(name = "place", required = false) List<String> places,
			@RequestParam(defaultValue = "") String explanation, @RequestParam(required = false) UUID submission,
			Locale locale, RedirectAttributes redirect) {
		Optional<GivenAssignments.Given> open = open(givenId, me);
		if (open.isEmpty() && conversations.submitted(submission)) {
			// A second click, after the first answered it: the letter is there, in the conversation it answered.
			redirect.addFlashAttribute("sent", true);
			return conversationOf(givenId, me).map(trajectory -> conversation(trajectory) + "#sent")
				.orElse("redirect:/participant/conversation#sent");
		}
		// The trajectory ended while the cards were being laid: nobody would read them, but they are the
		// participant's work, and come back to copy as a letter refused at the end does.
		Optional<GivenAssignments.Given> ended = open.isPresent() ? Optional.empty() : ofEndedTrajectory(givenId, me);
		GivenAssignments.Given assignment = open.or(() -> ended)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<CoachCards.Card> offered = cards.offeredFor(assignment);
		List<CoachCards.Card> top = new ArrayList<>();
		for (String code : places == null ? List.<String>of() : places) {
			// A card of another deck is no card of this top five.
			offered.stream().filter(card -> card.code().equals(code)).findFirst().ifPresent(top::add);
		}
		if (ended.isEmpty() && (top.size() != CoachCards.TOP || new HashSet<>(top).size() != CoachCards.TOP)) {
			redirect.addFlashAttribute("problem", "cards.error.five");
			RefusedForm.shownAgainAfter(redirect);
			redirect.addFlashAttribute("chosen", places);
			redirect.addFlashAttribute("explanation", explanation);
			redirect.addFlashAttribute("submission", submission);
			return "redirect:/participant/cards/" + givenId;
		}
		if (ended.isEmpty() && explanation.length() > MAX_EXPLANATION) {
			redirect.addFlashAttribute("problem", "cards.error.explanation");
			RefusedForm.shownAgainAfter(redirect);
			redirect.addFlashAttribute("chosen", places);
			redirect.addFlashAttribute("explanation", explanation);
			redirect.addFlashAttribute("submission", submission);
			return "redirect:/participant/cards/" + givenId;
		}
		// The letter is the conversation's, in the participant's language as their coach reads it, not in the
		// browser's: an English browser wrote "My top five... Meaning" into a Dutch conversation (decision 0097).
		Locale written = trajectories.byId(assignment.trajectoryId())
			.map(TrajectoryOverview::participantLanguage)
			.orElse(locale);
		StringBuilder text = new StringBuilder(texts.getMessage("cards.message", new Object[] { assignment.title() }, written))
			.append("\n\n");
		for (int place = 0; place < top.size(); place++) {
			text.append(place + 1).append(". ").append(top.get(place).label(written)).append('\n');
		}
		if (!explanation.isBlank()) {
			// Given back to copy at most as long as the form takes it: it travels in the session.
			String kept = explanation.strip();
			text.append('\n').append(kept.length() > MAX_EXPLANATION ? kept.substring(0, MAX_EXPLANATION) : kept).append('\n');
		}
		if (ended.isPresent()) {
			redirect.addFlashAttribute("notSent", true);
			redirect.addFlashAttribute("form", new ConversationController.MessageForm(text.toString()));
			return conversation(assignment.trajectoryId());
		}
		// Two clicks at once both find the assignment open; the form's id lets one of them write. The
		// top five answers this assignment only: an open reflection still waits for a letter.
		if (conversations.participantAnswersOnce(assignment.trajectoryId(), me.id(), text.toString(), assignment.id(),
				submission) instanceof Conversations.FormLetter.Refused) {
			// The trajectory ended a moment ago: the conversation page says so, with the cards laid to copy.
			redirect.addFlashAttribute("notSent", true);
			redirect.addFlashAttribute("form", new ConversationController.MessageForm(text.toString()));
			return conversation(assignment.trajectoryId());
		}
		redirect.addFlashAttribute("sent", true);
		return conversation(assignment.trajectoryId()) + "#sent";
	}

	/**
	 * The conversation the cards belong to: a participant in two programmes has two, and without it the
	 * page showed the current one, with "sent" (or the cards to copy) under the other coach's letters.
	 */
	private static String conversation(UUID trajectoryId) {
		return "redirect:/participant/conversation?trajectory=" + trajectoryId;
	}

	/** The trajectory of one of the participant's given assignments, answered or not. */
	private Optional<UUID> conversationOf(UUID givenId, SignedInAccount me) {
		return trajectories.ofParticipant(me.id())
			.stream()
			.map(TrajectoryOverview::id)
			.filter(trajectory -> given.of(trajectory).stream().anyMatch(g -> g.id().equals(givenId)))
			.findFirst();
	}

	/**
	 * An open coach-cards assignment in one of the participant's own trajectories that their coach
	 * still reads (running or paused).
	 */
	private Optional<GivenAssignments.Given> open(UUID givenId, SignedInAccount me) {
		return unanswered(givenId, me, true);
	}

	/** One of the participant's coach-cards assignments, answered (laid or by a letter): in a trajectory going or ended. */
	private Optional<GivenAssignments.Given> answered(UUID givenId, SignedInAccount me) {
		return trajectories.ofParticipant(me.id())
			.stream()
			.map(TrajectoryOverview::id)
			.flatMap(trajectory -> given.of(trajectory).stream())
			.filter(g -> g.id().equals(givenId) && g.type() == AssignmentType.COACH_CARDS && g.answered())
			.findFirst();
	}

	/** The same assignment, unanswered, in one of the participant's own trajectories that has ended. */
	private Optional<GivenAssignments.Given> ofEndedTrajectory(UUID givenId, SignedInAccount me) {
		return unanswered(givenId, me, false);
	}

	private Optional<GivenAssignments.Given> unanswered(UUID givenId, SignedInAccount me, boolean underway) {
		return trajectories.ofParticipant(me.id())
			.stream()
			.filter(t -> t.underway() == underway)
			.map(TrajectoryOverview::id)
			.flatMap(trajectory -> given.of(trajectory).stream())
			.filter(g -> g.id().equals(givenId) && g.type() == AssignmentType.COACH_CARDS && !g.answered())
			.findFirst();
	}
}
