package nl.briefwissel.trajectory.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.IntakeFile;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.ParticipantStartPage;
import nl.briefwissel.trajectory.SilentTrajectories;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The start pages of participants, coaches and programme managers. Each shows only what belongs
 * to the signed-in person: their own trajectory, the trajectories they coach, or the programmes
 * of their organisation as counts.
 */
@Controller
class StartPagesController {

	private final Trajectories trajectories;

	private final Programmes programmes;

	private static final int MAX_GOALS = 4000;

	private final CoachPool pool;

	private final Accounts accounts;

	private final Clock clock;

	private final SilentTrajectories silent;

	/** The files the participant's application by mail came with: theirs to see and download on their own page. */
	private final Intakes intakes;

	private final ParticipantStartPage participantPage;

	StartPagesController(Trajectories trajectories, Programmes programmes, CoachPool pool, Accounts accounts,
			Clock clock, SilentTrajectories silent, Intakes intakes,
			ParticipantStartPage participantPage) {
		this.participantPage = participantPage;
		this.intakes = intakes;
		this.silent = silent;
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.pool = pool;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** The participant's question and goals in their own words: content, so on the trail like the conversation. */
	@Audited(AuditAction.READ)
	@GetMapping("/participant")
	String participant(@AuthenticationPrincipal SignedInAccount me, Locale locale, Model model,
			jakarta.servlet.http.HttpServletRequest request) {
		return participantPage.drawn(me.id(), locale, model, request);
	}

	/**
	 * A file their application by mail came with, for the participant whose trajectory it became and nobody else:
	 * another's trajectory, or a file of another's application, is not found. On the trajectory's trail as the coach's
	 * download is. Always a download, never shown inline: a mailed file is anyone's bytes.
	 */
	@Audited(value = AuditAction.READ, trajectory = "trajectoryId")
	@GetMapping("/participant/application-files/{trajectoryId}/{fileId}")
	org.springframework.http.ResponseEntity<byte[]> applicationFile(@org.springframework.web.bind.annotation.PathVariable UUID trajectoryId,
			@org.springframework.web.bind.annotation.PathVariable UUID fileId, @AuthenticationPrincipal SignedInAccount me) {
		boolean own = trajectories.ofParticipant(me.id()).stream().anyMatch(t -> t.id().equals(trajectoryId));
		IntakeFile file = (own ? intakes.fileOfTrajectory(trajectoryId, fileId) : Optional.<IntakeFile>empty())
			.filter(IntakeFile::available)
			.orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
		byte[] content = intakes.fileContent(file.id())
			.orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
				.filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8)
				.build()
				.toString())
			.contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.header("X-Content-Type-Options", "nosniff")
			.body(content);
	}

	/**
	 * The language of the participant's mails, which is also the language a link in them opens the site
	 * in: switching on the page alone lasted until the next mail's link switched it back. The page
	 * follows the choice at once.
	 */
	@PostMapping("/participant/language")
	String mailLanguage(@AuthenticationPrincipal SignedInAccount me, @RequestParam String language,
			RedirectAttributes redirect) {
		// Only the form's two choices: anything else was saved as Dutch and called saved. Refused as a mail
		// preference that is neither yes nor no is, with 400.
		Locale chosen = switch (language) {
			case "en" -> Locale.ENGLISH;
			case "nl" -> Locale.forLanguageTag("nl");
			default -> throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST);
		};
		accounts.changeLanguage(me.id(), chosen);
		redirect.addFlashAttribute("languageSaved", true);
		return "redirect:/participant?lang=" + chosen.getLanguage() + "#language-saved";
	}

	/*
	 * The forms below each belong to one trajectory's card: what they say goes with the trajectory's
	 * id to that card only, and the page opens at it (#…), where the message takes the focus. On a
	 * phone the card is far down, and a status already on the page when it loads is not read out.
	 */

	@PostMapping("/participant/goals")
	String goals(@AuthenticationPrincipal SignedInAccount me, @RequestParam UUID trajectory,
			@RequestParam(defaultValue = "") String goals, RedirectAttributes redirect) {
		if (goals.length() > MAX_GOALS) {
			// The state before the text: on a card that has ended, or one not the caller's, the length is no question.
			var mine = trajectories.withContent(trajectory).filter(t -> me.id().equals(t.participantId()))
				.orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
			if (mine.status().ended()) {
				return goalsEnded(trajectory, redirect);
			}
			redirect.addFlashAttribute("goalsProblem", trajectory);
			redirect.addFlashAttribute("goalsTyped", goals); // given back to shorten, not lost
			// In the language of its own words, as goals saved are (decision 0097, amended), not the saved goals'.
			String lang = nl.briefwissel.LetterLanguage.langOn(goals, org.springframework.context.i18n.LocaleContextHolder.getLocale());
			if (lang != null) {
				redirect.addFlashAttribute("goalsTypedLang", lang);
			}
			RefusedForm.shownAgainAfter(redirect); // the page after it answers 422, the goals again to shorten
			return "redirect:/participant#goals-" + trajectory;
		}
		if (!trajectories.changeGoals(trajectory, me.id(), goals)) {
			if (trajectories.withContent(trajectory).filter(t -> me.id().equals(t.participantId())).isPresent()) {
				return goalsEnded(trajectory, redirect); // (an erased one is gone)
			}
			throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("goalsSaved", trajectory);
		return "redirect:/participant#goals-saved-" + trajectory;
	}

	/** Ended while the page was open: the card says so where the form was; the state in the way, nothing typed wrong, 409. */
	private static String goalsEnded(UUID trajectory, RedirectAttributes redirect) {
		redirect.addFlashAttribute("goalsEnded", trajectory);
		RefusedForm.stateInTheWayAfter(redirect);
		return "redirect:/participant#goals-" + trajectory;
	}

	@PostMapping("/participant/mail-preference")
	String mailPreference(@AuthenticationPrincipal SignedInAccount me, @RequestParam UUID trajectory,
			@RequestParam boolean fullText, RedirectAttributes redirect) {
		if (!trajectories.chooseMailPreference(trajectory, me.id(), fullText)) {
			if (trajectories.withContent(trajectory).filter(t -> me.id().equals(t.participantId())).isPresent()) {
				// Ended while the page was open: the card says so where the form was, nothing changed.
				redirect.addFlashAttribute("preferenceEnded", trajectory);
				RefusedForm.stateInTheWayAfter(redirect);
				return "redirect:/participant#preference-ended-" + trajectory;
			}
			// Someone else's trajectory, or none: not found, as every identifier that is not the caller's.
			throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("preferenceSaved", trajectory);
		return "redirect:/participant#preference-saved-" + trajectory;
	}

	@PostMapping("/participant/employer-confirmation/withdraw")
	String withdrawEmployerConfirmation(@AuthenticationPrincipal SignedInAccount me, @RequestParam UUID trajectory,
			RedirectAttributes redirect) {
		if (trajectories.withdrawEmployerConfirmation(trajectory, me.id())) {
			redirect.addFlashAttribute("employerWithdrawn", trajectory);
			return "redirect:/participant#employer-withdrawn-" + trajectory;
		}
		return "redirect:/participant";
	}

	/** How many trajectories a programme's card lists at a time. */
	static final int TRAJECTORIES_PER_PAGE = 50;

	/**
	 * The manager's programmes, each with its counts and one page of its trajectories. The stage and
	 * page asked for apply to the programme named with them; the others show their newest.
	 */
	@GetMapping("/programme")
	String programmeManager(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String programme,
			@RequestParam(required = false) String status, @RequestParam(required = false) String page, Model model) {
		LocalDate today = LocalDate.now(clock);
		List<ProgrammeCounts> overview = programmes.ofOrganisation(me.organisationId())
			.stream()
			.map(p -> {
				boolean asked = p.id().toString().equals(programme);
				Trajectories.StageCounts counts = trajectories.countByStage(p.id(), today);
				List<Stage> stages = Stage.of(counts);
				int number = asked ? PageNumber.of(page) : 1;
				if (asked && TO_CLOSE.equals(status)) {
					// Running after their last contact moment: the plan (pauses, extensions, holidays) decides,
					// so they are found among the programme's running ones here, not in the query.
					List<TrajectoryOverview> toClose = trajectories.ofProgramme(p.id(), java.util.Set.of(TrajectoryStatus.RUNNING))
						.stream()
						.filter(t -> t.lastMomentPassedOn(today).isPresent())
						.toList();
					TrajectoryList list = TrajectoryList.of(TO_CLOSE, toClose.size(), number);
					// Of these, how many nobody wrote in since: a count, no letter's date (decision 0108).
					return new ProgrammeCounts(p, stages, toClose.subList(list.offset(), (int) list.last()), list, pool.of(p.id()),
							silent.silentSinceLastMoment(toClose));
				}
				if (asked && STARTING_SOON.equals(status)) {
					TrajectoryList list = TrajectoryList.of(STARTING_SOON, counts.startingLater(), number);
					return new ProgrammeCounts(p, stages,
							trajectories.pageOfProgrammeStartingAfter(p.id(), today, list.offset(), list.at().limit()), list,
							pool.of(p.id()), null);
				}
				Optional<TrajectoryStatus> stage = asked ? stage(status) : Optional.empty();
				// Erased ones are counted in their stage and listed by no one: only numbers without a name stay of them.
				long erased = stage.map(counts::erased).orElseGet(counts::erased);
				TrajectoryList list = TrajectoryList.of(stage.map(TrajectoryStatus::name).orElse(""),
						stage.map(counts.byStatus()::get).orElseGet(counts::total) - erased, number, erased);
				return new ProgrammeCounts(p, stages,
						trajectories.pageOfProgramme(p.id(), stage, today, list.offset(), list.at().limit()), list, pool.of(p.id()),
						null);
			})
			.toList();
		model.addAttribute("programmes", overview);
		List<Account> coaches = accounts.coachesOf(me.organisationId());
		model.addAttribute("coaches", coaches);
		// In a pool but not the organisation's own: a coach of no organisation (decision 0085) or of another. Shown
		// on the pool's form, so that saving it keeps them, or drops them only when unticked.
		java.util.Set<UUID> own = coaches.stream().map(Account::id).collect(java.util.stream.Collectors.toSet());
		Map<UUID, List<Account>> elsewhere = new java.util.HashMap<>();
		overview.forEach(entry -> elsewhere.put(entry.programme().id(),
				accounts.byIds(entry.pool().stream().filter(id -> !own.contains(id)).toList())));
		model.addAttribute("poolFromElsewhere", elsewhere);
		model.addAttribute("today", today);
		model.addAttribute("silentDays", silent.days());
		return "trajectory/programme";
	}

	/** The choice of the stage filter for trajectories still running after their last contact moment. */
	static final String TO_CLOSE = "TO_CLOSE";

	/** A stage from the address; anything else (typed, or from an older version) lists them all. */
	private static Optional<TrajectoryStatus> stage(String status) {
		return Arrays.stream(TrajectoryStatus.values()).filter(s -> s.name().equals(status)).findFirst();
	}

	/**
	 * The choice of the stage filter, and the row of the counts, for trajectories accepted with their first day still
	 * ahead ({@link TrajectoryOverview#startsAfter}): counted apart from the running ones, as the programme's figures do.
	 */
	static final String STARTING_SOON = "STARTING_SOON";

	/** {@code silent}: of those to close, how many nobody wrote in since their last contact moment; null in another list. */
	record ProgrammeCounts(Programme programme, List<Stage> stages, List<TrajectoryOverview> trajectories,
			TrajectoryList list, java.util.Set<UUID> pool, Long silent) {
	}

	/** A row of a programme's counts per stage: its name in the filter, the key of its words, and how many are in it. */
	record Stage(String name, String labelKey, long count) {

		/**
		 * Each status in its order, with those starting later before the running ones, in the figures' words
		 * (statistics.startingSoon), so that the two pages say the same of the same trajectories.
		 */
		static List<Stage> of(Trajectories.StageCounts counts) {
			List<Stage> stages = new java.util.ArrayList<>();
			counts.byStatus().forEach((status, count) -> {
				if (status == TrajectoryStatus.RUNNING) {
					stages.add(new Stage(STARTING_SOON, "statistics.startingSoon", counts.startingLater()));
				}
				stages.add(new Stage(status.name(), "status." + status.name(), count));
			});
			return List.copyOf(stages);
		}
	}

	/**
	 * Which of a programme's trajectories its card lists: a stage, those to close ({@link #TO_CLOSE}) or
	 * all (empty), and where its page stands ({@code at}), said by this record as the card reads it.
	 */
	record TrajectoryList(String stage, Pages at, long erased) {

		static TrajectoryList of(String stage, long total, int page) {
			return of(stage, total, page, 0);
		}

		/** {@code erased}: how many of the stage are counted but not listed, as they were erased. */
		static TrajectoryList of(String stage, long total, int page, long erased) {
			return new TrajectoryList(stage, Pages.of(total, page, TRAJECTORIES_PER_PAGE), erased);
		}

		public int page() {
			return at.page();
		}

		public int pages() {
			return at.pages();
		}

		public long total() {
			return at.total();
		}

		public int offset() {
			return at.offset();
		}

		/** The number of the first trajectory on this page, counting from one. */
		public long first() {
			return at.first();
		}

		public long last() {
			return at.last();
		}

		/** The stage for links and the form, or empty for all. */
		public String statusName() {
			return stage;
		}
	}
}
