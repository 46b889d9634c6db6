package nl.briefwissel.conversation.web;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.audit.AuditedTrajectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.TypedDate;

import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Welcome;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.trajectory.IllegalTransitionException;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A coach answers a proposal: reads the participant's question and self-check, then accepts
 * (choosing the start date and sending their welcome letter) or declines with a reason.
 */
@Controller
class ProposalController {

	private static final int MAX_LETTER = 20_000;

	private final Matching matching;

	private final Intakes intakes;

	private final Programmes programmes;

	private final CoachProfiles profiles;

	private final Welcome welcome;

	private final Accounts accounts;

	private final Conversations conversations;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Themes themes;

	private final AttachmentDownloads downloads;

	ProposalController(Matching matching, Intakes intakes, Programmes programmes, CoachProfiles profiles, Welcome welcome,
			Accounts accounts, Conversations conversations, TransactionTemplate transactions, Clock clock, Themes themes,
			AttachmentDownloads downloads) {
		this.downloads = downloads;
		this.themes = themes;
		this.matching = matching;
		this.intakes = intakes;
		this.programmes = programmes;
		this.profiles = profiles;
		this.welcome = welcome;
		this.accounts = accounts;
		this.conversations = conversations;
		this.transactions = transactions;
		this.clock = clock;
	}

	// The page shows the participant's question: on the trajectory's own trail, when it is shown.
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@GetMapping("/coach/proposals/{id}")
	String proposal(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Locale locale, Model model,
			RedirectAttributes redirect, HttpServletRequest request) {
		// The proposal mail's link still works once it is answered: it leads to where the answer did.
		if (matching.acceptedBy(id, me.id())) {
			return "redirect:/coach/trajectories/" + id;
		}
		if (matching.declinedBy(id, me.id())) {
			redirect.addFlashAttribute("declined", true);
			return "redirect:/coach";
		}
		if (matching.withdrawnFrom(id, me.id())) {
			return "conversation/proposal-withdrawn";
		}
		TrajectoryOverview trajectory = matching.openProposalFor(id, me.id());
		Programme programme = programmes.byId(trajectory.programmeId()).orElseThrow();
		// A date the coach chose before a mistake sent them back stays chosen.
		LocalDate startOn = model.getAttribute("startOn") instanceof LocalDate chosen ? chosen
				: matching.history(id).stream().findFirst().map(Matching.CoachProposal::startOn)
					.filter(day -> !day.isBefore(LocalDate.now(clock)))
					.orElse(LocalDate.now(clock));
		String template = profiles.of(me.id()).welcomeTemplate();
		Locale language = letterLanguage(trajectory, me);
		if (template == null) {
			template = welcome.standardTemplate(language);
		}
		// A template saved before placeholders were checked (or a standard one gone wrong) says so here: the
		// letter below has the unknown one in braces, and it is not sent like that (decision 0066).
		Welcome.problemInTemplate(template).ifPresent(braces -> model.addAttribute("templateBraces",
				braces.named()));
		if (!model.containsAttribute("letter")) {
			model.addAttribute("letter", welcome.letter(template, trajectory.participantName(), me.displayName(),
					programme.weeks(), programme.momentsPerWeek(), startOn, language, trajectory.lettersByMail()));
		}
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("programme", programme);
		model.addAttribute("themeLabel", themes.label(programme.id(), trajectory.theme(), locale));
		Intake intake = intakes.ofTrajectory(id).orElse(null);
		model.addAttribute("intake", intake);
		// A question that does not open is said so, not "no question written down" (decision 0057).
		model.addAttribute("questionReadable", intake == null || intake.questionReadable());
		// The files the application by mail came with (a CV): the coach weighs them with the question.
		model.addAttribute("applicationFiles", intakes.filesOfTrajectory(id));
		model.addAttribute("startOn", startOn);
		// The days the acceptance takes, so the date picker offers no other.
		model.addAttribute("earliestStart", LocalDate.now(clock));
		model.addAttribute("latestStart", LocalDate.now(clock).plusMonths(6));
		AuditedTrajectory.shown(request, id);
		return "conversation/proposal";
	}

	/** A file the application by mail came with, for the coach the trajectory is proposed to. */
	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/coach/proposals/{id}/application-files/{fileId}")
	org.springframework.http.ResponseEntity<byte[]> applicationFile(@PathVariable UUID id, @PathVariable UUID fileId,
			@AuthenticationPrincipal SignedInAccount me) {
		matching.openProposalFor(id, me.id());
		return downloads.applicationFile(id, fileId);
	}

	@PostMapping("/coach/proposals/{id}/accept")
	String accept(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(name = "startOn", required = false) String typedStart,
			@RequestParam(name = "filledInFor", required = false) String typedFilledIn,
			@RequestParam(defaultValue = "") String letter, Locale locale, Model model, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (matching.acceptedBy(id, me.id())) {
			return "redirect:/coach/trajectories/" + id; // a second click, after the first started it
		}
		if (matching.withdrawnFrom(id, me.id())) {
			// Taken back by the programme manager: that page says so, 409, the state in the way (decision 0139).
			RefusedForm.stateInTheWayAfter(redirect);
			return "redirect:/coach/proposals/" + id;
		}
		TrajectoryOverview trajectory = matching.openProposalFor(id, me.id());
		// A browser without a date field sends what was typed (5-12-2026): read as the statistics' period is.
		// A day that cannot be read is said on the page itself, the letter and the day as typed; it gave the
		// general "we could not use this" page, and the letter written was lost.
		if (TypedDate.unreadable(typedStart)) {
			model.addAttribute("problem", "proposal.error.startOn.unreadable");
			model.addAttribute("letter", letter);
			model.addAttribute("startOnTyped", typedStart);
			// The letter still names the day it was filled in for: a later change of date replaces that one.
			TypedDate.read(typedFilledIn).ifPresent(day -> model.addAttribute("filledInFor", day));
			RefusedForm.shownAgain();
			return proposal(id, me, locale, model, redirect, request);
		}
		LocalDate startOn = TypedDate.read(typedStart).orElse(null);
		LocalDate filledInFor = TypedDate.read(typedFilledIn).orElse(null);
		LocalDate today = LocalDate.now(clock);
		// The page filled the letter in with the date it opened with; a date changed since is the one
		// the participant must read (and the one the page shows again after a mistake). A placeholder the coach
		// typed into the letter here is filled in as the template's were: the settings say {naam} becomes the
		// participant's first name, and the participant is known here (it was refused as one nothing fills in).
		Locale language = letterLanguage(trajectory, me);
		String welcomeLetter = startOn == null ? letter
				: filledIn(welcome.withStart(letter, filledInFor, startOn, language), trajectory, me, startOn, language);
		Optional<Welcome.Braces> braces = Welcome.problemInLetter(welcomeLetter);
		String problem = startOn == null || startOn.isBefore(today) || startOn.isAfter(today.plusMonths(6))
				? "proposal.error.startOn"
				: letter.isBlank() ? "proposal.error.letter" : letter.length() > MAX_LETTER ? "proposal.error.letterLength"
				// The filled letter is the one stored: a letter short enough as typed grew past the limit with the
				// name and the dates filled in, and the sentence says why the letter the coach sees is too long.
				: welcomeLetter.length() > MAX_LETTER ? "proposal.error.letterLengthFilled"
				: braces.isPresent() ? "proposal.error.letterBraces" : null;
		if (problem != null) {
			redirect.addFlashAttribute("problem", problem);
			// What is in braces, named in the sentence; empty for a brace without its other half.
			braces.ifPresent(found -> redirect.addFlashAttribute("lettersBraces", found.named()));
			redirect.addFlashAttribute("letter", welcomeLetter);
			if (startOn != null) {
				redirect.addFlashAttribute("startOn", startOn);
			}
			RefusedForm.shownAgainAfter(redirect); // the proposal after it answers 422, the day or letter at its field
			return "redirect:/coach/proposals/" + id;
		}
		try {
			// Starting and the welcome letter go together or not at all.
			transactions.executeWithoutResult(status -> {
				matching.accept(id, me.id(), startOn);
				conversations.coachWrites(id, me.id(), welcomeLetter);
			});
		}
		catch (IllegalTransitionException e) {
			if (matching.acceptedBy(id, me.id())) {
				return "redirect:/coach/trajectories/" + id; // a second click, while the first started it
			}
			if (!matching.withdrawnFrom(id, me.id())) {
				redirect.addFlashAttribute("problem", e.messageKey());
				// The letter and the day the coach chose come back with the sentence, as after a mistake.
				redirect.addFlashAttribute("letter", welcomeLetter);
				redirect.addFlashAttribute("startOn", startOn);
			}
			// Full, no longer eligible, or withdrawn while the coach wrote (that page says so): nothing typed was wrong.
			RefusedForm.stateInTheWayAfter(redirect);
			return "redirect:/coach/proposals/" + id;
		}
		catch (TrajectoryLifecycle.NotYourTrajectoryException e) {
			if (matching.acceptedBy(id, me.id())) {
				// A second click whose first committed between the page's check and the proposal's read.
				return "redirect:/coach/trajectories/" + id;
			}
			if (matching.withdrawnFrom(id, me.id())) {
				RefusedForm.stateInTheWayAfter(redirect);
				return "redirect:/coach/proposals/" + id;
			}
			throw e;
		}
		redirect.addFlashAttribute("accepted", true);
		return "redirect:/coach/trajectories/" + id;
	}

	/** The letter with every placeholder of the welcome template filled in, for this participant and start date. */
	private String filledIn(String letter, TrajectoryOverview trajectory, SignedInAccount me, LocalDate startOn, Locale language) {
		Programme programme = programmes.byId(trajectory.programmeId()).orElseThrow();
		return welcome.letter(letter, trajectory.participantName(), me.displayName(), programme.weeks(),
				programme.momentsPerWeek(), startOn, language, trajectory.lettersByMail());
	}

	/** The standard letter is in the participant's language; a coach's own template is in theirs. */
	private Locale letterLanguage(TrajectoryOverview trajectory, SignedInAccount me) {
		return accounts.byId(trajectory.participantId()).map(Account::language).orElse(me.language());
	}

	/**
	 * No reason is chosen in advance, 'other' says nothing without words (decision 0068, as the course's
	 * changes in 0064), and an explanation is not longer than is kept: refused, the page comes back with the
	 * sentence at the field and in the box above, and the decline as it was filled in. A code not offered (an old page, a hand-made request) is a reason
	 * not chosen. The proposal page itself answers a decline refused after the proposal was answered or
	 * taken back, or that is not this coach's.
	 */
	@PostMapping("/coach/proposals/{id}/decline")
	String decline(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
		Reason chosen = Reason.chosenFrom(Reason.forDeclining(), reason);
		// Line breaks arrive as one character each already (web.LineEnds), as the textarea's maxlength counts them.
		String explanation = why.strip();
		Map<String, String> errors = new LinkedHashMap<>();
		if (chosen == null) {
			errors.put("decline-reason", TrajectoryLifecycle.REASON_MISSING);
		}
		// Longer than is kept: refused, not cut, as the course's changes (the coach would not know what was kept).
		TrajectoryLifecycle.explanationRefusal(chosen, explanation).ifPresent(key -> errors.put("decline-why", key));
		if (!errors.isEmpty()) {
			// Another coach's proposal is not found, as everywhere, before the form's mistakes are named.
			if (!matching.acceptedBy(id, me.id()) && !matching.declinedBy(id, me.id()) && !matching.withdrawnFrom(id, me.id())) {
				matching.openProposalFor(id, me.id());
				RefusedForm.shownAgainAfter(redirect); // the proposal after it answers 422, the decline at its fields
			}
			else if (matching.withdrawnFrom(id, me.id())) {
				// Taken back meanwhile: the page says so, not the mistake, and answers 409 (the state is asked first).
				RefusedForm.stateInTheWayAfter(redirect);
			}
			redirect.addFlashAttribute("declineErrors", errors);
			redirect.addFlashAttribute("declineReason", reason);
			redirect.addFlashAttribute("declineWhy", why);
			return "redirect:/coach/proposals/" + id;
		}
		try {
			// A second click (the browser shows its answer) finds it declined, and is answered the same.
			matching.decline(id, me.id(), chosen, explanation);
		}
		catch (IllegalTransitionException | TrajectoryLifecycle.NotYourTrajectoryException e) {
			if (matching.acceptedBy(id, me.id())) {
				return "redirect:/coach/trajectories/" + id; // "accept" went in first
			}
			if (matching.withdrawnFrom(id, me.id())) {
				RefusedForm.stateInTheWayAfter(redirect); // taken back by the programme manager: that page says so, 409
				return "redirect:/coach/proposals/" + id;
			}
			if (!matching.declinedBy(id, me.id())) {
				throw e;
			}
		}
		redirect.addFlashAttribute("declined", true);
		return "redirect:/coach";
	}

	@ExceptionHandler(TrajectoryLifecycle.NotYourTrajectoryException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notYours() {
		return "error/404";
	}
}
