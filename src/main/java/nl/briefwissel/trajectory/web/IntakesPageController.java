package nl.briefwissel.trajectory.web;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.briefwissel.TypedName;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.PendingInvitation;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.TypedDate;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.trajectory.DutchHolidays;
import nl.briefwissel.trajectory.IllegalTransitionException;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The programme manager's intakes and matching: invitations, applications not complete yet,
 * intakes waiting for a coach with the system's proposal, and proposals waiting for the coach.
 * Names, themes, dates and the self-check only; the question itself is for the coach. Each action
 * returns to the part of the programme's card it was about and says there what happened ({@code doneAt}
 * and {@code problemAt} name that element's id): the top of a long page is out of sight.
 */
@Controller
class IntakesPageController {

	private final Programmes programmes;

	private final Intakes intakes;

	private final Matching matching;

	private final Trajectories trajectories;

	private final Accounts accounts;

	private final Clock clock;

	private final Themes themes;

	private final MessageSource texts;

	IntakesPageController(Programmes programmes, Intakes intakes, Matching matching, Trajectories trajectories,
			Accounts accounts, Clock clock, Themes themes, MessageSource texts) {
		this.themes = themes;
		this.texts = texts;
		this.programmes = programmes;
		this.intakes = intakes;
		this.matching = matching;
		this.trajectories = trajectories;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** An intake waiting for a coach: the candidates, the proposal and the last decline, if any. */
	record Waiting(TrajectoryOverview trajectory, Intake intake, List<Matching.Candidate> candidates,
			Optional<Matching.Proposal> proposal, Optional<Matching.CoachProposal> lastDecline, String lastDeclineBy) {

		/**
		 * Whether any coach of the pool can be proposed now: certified and with room. Without one the form is
		 * left out; a list of greyed-out names with a button that does nothing told the manager nothing.
		 */
		public boolean anyoneToPropose() {
			return candidates.stream().anyMatch(c -> c.eligible() && c.hasRoom());
		}
	}

	/**
	 * A proposal the coach has not answered yet. {@code coachManages}: the coach is a programme manager too, since
	 * before decision 0145, and cannot open the proposal to answer it; the list says so beside taking it back.
	 */
	record Asked(TrajectoryOverview trajectory, Optional<Matching.CoachProposal> proposal, boolean coachManages) {
	}

	/**
	 * A programme's card; {@code invitation} is the id of its invitation form, so that one press sends one
	 * invitation. {@code waiting} and {@code open} are one page each of lists a national programme has
	 * thousands in.
	 */
	record ProgrammeIntakes(Programme programme, List<Intake> open, List<Waiting> waiting, List<Asked> asked, UUID invitation,
			Pages waitingPages, Pages openPages, Map<UUID, PendingInvitation> invitations,
			Map<UUID, java.time.OffsetDateTime> linksRunOut) {

		/**
		 * When the link of an application by the programme's link or by mail ran out, while it is on the list; null
		 * while it works (or for an invitation). One that ran out cannot be completed: the list says so and offers
		 * to invite the address instead (decision 0067).
		 */
		public java.time.OffsetDateTime linkRanOutOn(UUID intake) {
			return linksRunOut.get(intake);
		}

		/**
		 * The invitation of an application on the list while it is not used yet (its link may have run out); null for
		 * an application by link or mail. The list says of it whether it still works and offers to send it again.
		 */
		public PendingInvitation invitationOf(UUID intake) {
			return invitations.get(intake);
		}

		/**
		 * For an application on this page that has the same name (or none) the same source and the same minute as
		 * another there, its number among them (1, 2, ...); 0 for one that its name source date and time tell apart
		 * already. The row and its buttons' names say it, so that a screen reader user going by the buttons does
		 * not withdraw the wrong one of two (addresses are not shown, decision 0138).
		 */
		public int twinNumber(UUID intake) {
			Intake me = open.stream().filter(i -> i.id().equals(intake)).findFirst().orElse(null);
			if (me == null) {
				return 0;
			}
			List<Intake> twins = open.stream()
				.filter(i -> java.util.Objects.equals(i.displayName(), me.displayName()) && i.source() == me.source()
						&& minute(i).equals(minute(me)))
				.toList();
			return twins.size() < 2 ? 0 : twins.indexOf(me) + 1;
		}

		private static java.time.Instant minute(Intake intake) {
			return intake.createdAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		}
	}

	/** How many waiting intakes, and how many applications not complete yet, a card lists at a time. */
	static final int PER_PAGE = 25;

	/**
	 * The form as typed, without the spaces around name and address that a copy from a mail or a
	 * spreadsheet brings: checked without them, as the administrator's invitation is.
	 */
	record Invitation(@NotBlank(message = "{intakes.invite.name.required}") @Size(max = 200, message = "{intakes.invite.name.tooLong}")
			@TypedName.Plain String name,
			@NotBlank(message = "{intakes.invite.email.invalid}") @Email(message = "{intakes.invite.email.invalid}")
			@Size(max = 320, message = "{intakes.invite.email.invalid}") String email, @NotNull(message = "{intakes.invite.language.invalid}") Locale language) {

		Invitation {
			name = name == null ? null : name.strip();
			email = email == null ? null : email.strip();
		}
	}

	/** An invitation as typed, given back after a mistake; flashed, so strings that travel in the session. */
	record TypedInvitation(String name, String email, String language) implements Serializable {
	}

	/**
	 * The address's own application, not complete yet, that an invitation was not sent beside: who (name and
	 * address, or the address alone when a mail gave no name), how it came in, when, and where it is on the list.
	 */
	record AppliedAlready(String who, String source, java.time.OffsetDateTime on, String link) implements Serializable {
	}

	/** The form's address is refused with this key when the address applied itself: said with {@link AppliedAlready}. */
	static final String APPLIED = "intakes.invite.applied";

	/**
	 * The address is in the programme already: its application waits for a coach, or its trajectory has not ended.
	 * Who, its stage, and where it is (the waiting list's row, the proposals, or the programme's list).
	 * {@code stage} is the trajectory's status, or {@link StartPagesController#STARTING_SOON} for one accepted with
	 * its first day ahead ({@link TrajectoryOverview#startsAfter}), which is running in name only and is said by
	 * {@code startsOn}, as every other page names it; {@code startsOn} is null otherwise.
	 */
	record EnrolledAlready(String who, String stage, String link, LocalDate startsOn) implements Serializable {
	}

	/** A staff account's address, as the form asks about it: the address (the box's value) and the account's staff roles. */
	record StaffAddress(String address, java.util.ArrayList<String> roles) implements Serializable {
	}

	/** The form's address is refused with this key when the address is in the programme: said with {@link EnrolledAlready}. */
	static final String ENROLLED = "intakes.invite.enrolled";

	/**
	 * The form's address is refused with this key when it is a staff account's (a coach's, a programme manager's, an
	 * administrator's) and the manager did not tick that they mean it: said with the account's roles (decision 0113).
	 */
	static final String STAFF = "intakes.invite.staff";

	/** The roles that make an account a staff account, in the order they are named. */
	private static final List<Role> STAFF_ROLES = List.of(Role.COACH, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR);

	/** The pages asked for ({@code waiting}, {@code open}) apply to the programme named with them; the others show their first. */
	@GetMapping("/programme/intakes")
	String page(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String programme,
			@RequestParam(required = false) String waiting, @RequestParam(required = false) String open, Locale locale,
			Model model) {
		LocalDate firstDay = DutchHolidays.onOrAfter(LocalDate.now(clock).plusDays(1));
		List<Programme> ofOrganisation = programmes.ofOrganisation(me.organisationId());
		List<ProgrammeIntakes> overview = ofOrganisation.stream().map(p -> {
			boolean asked = p.id().toString().equals(programme);
			return intakesOf(p, asked ? PageNumber.of(waiting) : 1, asked ? PageNumber.of(open) : 1);
		}).toList();
		model.addAttribute("programmes", overview);
		model.addAttribute("themeLabels", themes.labels(ofOrganisation.stream().map(Programme::id).toList(), locale));
		model.addAttribute("firstDay", firstDay);
		model.addAttribute("languages", List.of(Locale.forLanguageTag("nl"), Locale.forLanguageTag("en")));
		return "trajectory/intakes";
	}

	private ProgrammeIntakes intakesOf(Programme programme, int waitingPage, int openPage) {
		Map<TrajectoryStatus, Long> counts = trajectories.countByStatus(programme.id());
		Pages waitingPages = Pages.of(counts.get(TrajectoryStatus.INTAKE), waitingPage, PER_PAGE);
		Pages openPages = Pages.of(intakes.countOpen(programme.id()), openPage, PER_PAGE);
		// One page of those waiting, and those asked (a proposal counts towards the coach's capacity, so
		// they stay few): every intake waiting, each with its form and the pool, made a page of megabytes.
		List<TrajectoryOverview> all = new java.util.ArrayList<>(trajectories.pageOfProgrammeLongestFirst(programme.id(),
				TrajectoryStatus.INTAKE, waitingPages.offset(), waitingPages.limit()));
		all.addAll(trajectories.ofProgramme(programme.id(), java.util.Set.of(TrajectoryStatus.MATCHING)));
		List<Matching.Candidate> pool = matching.pool(programme.id());
		// Read once for the whole card: a read per intake made every view slower with each one waiting.
		Map<UUID, List<Matching.CoachProposal>> histories = matching.histories(all.stream().map(TrajectoryOverview::id).toList());
		Map<UUID, Intake> intakeOf = intakes.ofTrajectories(all.stream()
			.filter(t -> t.status() == TrajectoryStatus.INTAKE)
			.map(TrajectoryOverview::id)
			.toList());
		// A coach who declined is nearly always in the pool just read; one who left it since is read once.
		Map<UUID, String> coachNames = new HashMap<>();
		pool.forEach(candidate -> coachNames.put(candidate.coach().id(), candidate.coach().displayName()));
		List<Waiting> waiting = all.stream()
			.filter(t -> t.status() == TrajectoryStatus.INTAKE)
			.map(t -> {
				List<Matching.Candidate> candidates = Matching.forTrajectory(pool, t);
				Optional<Matching.CoachProposal> declined = histories.getOrDefault(t.id(), List.of())
					.stream()
					.filter(p -> Boolean.FALSE.equals(p.accepted()))
					.findFirst();
				return new Waiting(t, intakeOf.get(t.id()), candidates, matching.propose(candidates), declined,
						declined.map(d -> coachNames.computeIfAbsent(d.coachId(),
								id -> accounts.byId(id).map(Account::displayName).orElse(null)))
							.orElse(null));
			})
			.toList();
		List<Asked> asked = all.stream()
			.filter(t -> t.status() == TrajectoryStatus.MATCHING)
			.map(t -> new Asked(t, histories.getOrDefault(t.id(), List.of()).stream().findFirst(),
					pool.stream().filter(c -> c.coach().id().equals(t.coachId())).findFirst().map(c -> c.coach())
						.or(() -> java.util.Optional.ofNullable(t.coachId()).flatMap(accounts::byId))
						.map(Account::managesAndCoaches)
						.orElse(false)))
			.toList();
		List<Intake> open = intakes.open(programme.id(), openPages.offset(), openPages.limit());
		List<UUID> openIds = open.stream().map(Intake::id).toList();
		return new ProgrammeIntakes(programme, open, waiting, asked, UUID.randomUUID(), waitingPages, openPages,
				intakes.pendingInvitations(programme.id(), openIds), intakes.linksRunOut(programme.id(), openIds));
	}

	@PostMapping("/programme/programmes/{id}/invitations")
	String invite(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@Valid @ModelAttribute Invitation invitation, BindingResult errors,
			@RequestParam(required = false) String name, @RequestParam(required = false) String email,
			@RequestParam(required = false) String language, @RequestParam(required = false) UUID submission,
			@RequestParam(required = false) String staffAccount, Locale locale, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		String at = "invite-" + programme.id();
		// An address the validator lets through but no mail can be written to: "sent" was said, and the
		// invitation failed for good at its first attempt.
		if (!errors.hasFieldErrors("email") && !Intakes.answerable(invitation.email().strip())) {
			errors.rejectValue("email", "intakes.invite.email.invalid",
					texts.getMessage("intakes.invite.email.invalid", null, locale));
		}
		// As on the public form: "sam@gemeente" is taken by both checks above, and no invitation reaches it.
		if (!errors.hasFieldErrors("email") && nl.briefwissel.mail.MailAddresses.dotlessDomain(invitation.email().strip())) {
			errors.rejectValue("email", "intakes.invite.email.domain", texts.getMessage("intakes.invite.email.domain", null, locale));
		}
		// Dutch or English only, as the form offers: another tag went out as a Dutch mail with an application
		// of a language nobody writes, and one longer than the column failed the whole request.
		boolean knownLanguage = !errors.hasFieldErrors("language") && invitation.language() != null
				&& List.of("nl", "en").contains(invitation.language().toString());
		if (errors.hasErrors() || !knownLanguage) {
			Map<String, String> byField = new LinkedHashMap<>();
			errors.getFieldErrors().forEach(error -> byField.putIfAbsent(error.getField(), error.getDefaultMessage()));
			if (!knownLanguage) {
				// Also instead of a binder's sentence for a value that is no language at all.
				byField.put("language", texts.getMessage("intakes.invite.language.invalid", null, locale));
			}
			return refused(redirect, programme, Back.MISTAKE, byField, name, email, language);
		}
		// A staff account's address: a coach may be coached (decision 0101), but an invitation made by mistake gave a
		// colleague's account the participant's role. Asked first, with whose account it is; the box names the
		// address it was ticked for, so that ticking it for one address never confirms another (decision 0113).
		String address = invitation.email().toLowerCase(Locale.ROOT);
		// Only of the programme's own organisation: a manager typing any address learns nothing of another's staff.
		List<String> staffRoles = accounts.byEmail(address)
			.filter(account -> programme.organisationId().equals(account.organisationId()))
			.map(account -> STAFF_ROLES.stream().filter(account::has).map(Role::name).toList())
			.orElse(List.of());
		if (!staffRoles.isEmpty() && !address.equals(staffAccount == null ? null : staffAccount.strip().toLowerCase(Locale.ROOT))) {
			redirect.addFlashAttribute("inviteStaff", new StaffAddress(address, new java.util.ArrayList<>(staffRoles)));
			// A question, not a refusal: the page asks it with 200, as every confirmation does (decision 0139).
			return refused(redirect, programme, Back.QUESTION, Map.of("email", STAFF), name, email, language);
		}
		// A second press of the same form (a double click) sends nothing and says the same as the first.
		Intakes.Invited invited = intakes.invite(programme, invitation.email(), invitation.name().strip(), invitation.language(),
				me.id(), submission);
		if (invited instanceof Intakes.Invited.AlreadyPending pending) {
			// Invited before and not applied yet: no second mail beside the first, but that one, to send again.
			redirect.addFlashAttribute("invitePending", pending.invitation());
			return refused(redirect, programme, Back.STATE_IN_THE_WAY, Map.of("email", PendingInvitation.PENDING), name, email,
					language);
		}
		if (invited instanceof Intakes.Invited.AlreadyApplied applied) {
			// Applied themselves and not complete yet: an invitation beside it was a second mail and a second application.
			Intake application = applied.application();
			int page = intakes.openBefore(programme.id(), application) / PER_PAGE + 1;
			redirect.addFlashAttribute("inviteApplied", new AppliedAlready(
					application.displayName() == null ? application.email() : application.displayName() + " (" + application.email() + ")",
					application.source().name(), application.createdAt(),
					"/programme/intakes?programme=" + programme.id() + "&open=" + page + "#application-" + application.id()));
			return refused(redirect, programme, Back.STATE_IN_THE_WAY, Map.of("email", APPLIED), name, email, language);
		}
		if (invited instanceof Intakes.Invited.AlreadyEnrolled enrolled) {
			// Complete and waiting for a coach, or coached: an invitation only led to "you are in already" (decision 0067).
			TrajectoryOverview trajectory = enrolled.trajectory();
			LocalDate today = LocalDate.now(clock);
			String link = switch (trajectory.status()) {
				case INTAKE -> "/programme/intakes?programme=" + programme.id() + "&waiting="
						+ (intakes.waitingBefore(trajectory.id()) / PER_PAGE + 1) + "#intake-" + trajectory.id();
				case MATCHING -> "/programme/intakes?programme=" + programme.id() + "#proposal-" + trajectory.id();
				// On the programme page's list of its stage: one accepted to start later is among those, not the running ones.
				default -> "/programme?programme=" + programme.id() + "&status="
						+ (trajectory.startsAfter(today) ? StartPagesController.STARTING_SOON : trajectory.status().name())
						+ "&page=" + (intakes.inStageBefore(trajectory.id(), today) / StartPagesController.TRAJECTORIES_PER_PAGE + 1)
						+ "#trajectory-" + trajectory.id();
			};
			boolean notBegun = trajectory.startsAfter(today);
			redirect.addFlashAttribute("inviteEnrolled", new EnrolledAlready(
					trajectory.participantName() + " (" + invitation.email().strip().toLowerCase(Locale.ROOT) + ")",
					notBegun ? StartPagesController.STARTING_SOON : trajectory.status().name(), link,
					notBegun ? trajectory.startedOn() : null));
			return refused(redirect, programme, Back.STATE_IN_THE_WAY, Map.of("email", ENROLLED), name, email, language);
		}
		if (invited instanceof Intakes.Invited.OrganisationEnded) {
			// Ended after this page passed its guard, while the invitation waited for the ending (decision 0082).
			return refused(redirect, programme, Back.STATE_IN_THE_WAY,
					Map.of("email", texts.getMessage("intakes.invite.ended", null, locale)), name, email, language);
		}
		if (invited instanceof Intakes.Invited.TooMany) {
			// Its link had run out, and the address had its mails of this hour: nothing sent, and no claim that a link works.
			return refused(redirect, programme, Back.STATE_IN_THE_WAY,
					Map.of("email", texts.getMessage("invitation.again.tooMany.expired", null, locale)), name, email, language);
		}
		if (invited instanceof Intakes.Invited.Sent once && once.byAnEarlierPress()
				|| invited instanceof Intakes.Invited.SentAgain renewed && renewed.byAnEarlierPress()) {
			AuditedChange.already(); // a double click: answered as the first press, on the trail as already done
		}
		if (invited instanceof Intakes.Invited.SentAgain again) {
			// Its link had run out: sent again, the application as it was (decision 0062).
			Intake application = again.intake();
			redirect.addFlashAttribute("done", Map.of("key", "invitation.again.sent", "arg", namedWithAddress(application)));
			redirect.addFlashAttribute("doneAt", at);
			return "redirect:/programme/intakes#" + at;
		}
		redirect.addFlashAttribute("done", Map.of("key", "intakes.invite.sent", "arg", invitation.email().strip()));
		redirect.addFlashAttribute("doneAt", at);
		return "redirect:/programme/intakes#" + at;
	}

	/**
	 * Why the invitation form comes back, which the intakes page after the redirect answers with (decision 0139,
	 * amended): a mistake in what was typed 422; the address's state in the way (invited, applied or in the programme
	 * already, the hour's mails sent, the organisation ended) 409, as the page's other notices of a state; the question
	 * whether a staff account's address is meant 200, as every confirmation.
	 */
	private enum Back {
		MISTAKE, STATE_IN_THE_WAY, QUESTION
	}

	/**
	 * The invitation form comes back refused: each sentence at its field ({@code byField}), and what was typed,
	 * at the programme's form. The change is audited as refused, the question too: nothing was sent.
	 */
	private static String refused(RedirectAttributes redirect, Programme programme, Back why, Map<String, String> byField,
			String name, String email, String language) {
		AuditedChange.refused();
		switch (why) {
			case MISTAKE -> RefusedForm.shownAgainAfter(redirect);
			case STATE_IN_THE_WAY -> RefusedForm.stateInTheWayAfter(redirect);
			case QUESTION -> {
				// Asked, not refused: the page is itself, 200.
			}
		}
		redirect.addFlashAttribute("inviteErrors", byField);
		redirect.addFlashAttribute("inviteTyped", new TypedInvitation(name, email, language));
		redirect.addFlashAttribute("inviteFor", programme.id());
		return "redirect:/programme/intakes#invite-" + programme.id();
	}

	/** The name as the list shows it, isolated; for an application by mail that came without one, that it has none. */
	private String named(Intake application, Locale locale) {
		return application.displayName() == null ? texts.getMessage("intakes.open.noName.inSentence", null, locale)
				: TypedName.isolated(application.displayName());
	}

	/** "Name (address)", or "(address)" for an application that came without a name, as 'sent again' says it. */
	private static String namedWithAddress(Intake application) {
		return (application.displayName() == null ? "" : TypedName.isolated(application.displayName()) + " ") + "(" + application.email() + ")";
	}

	/**
	 * Sends an invitation not used yet again, as the manager asked on the form that said it was there: a new
	 * link, and the earlier one no longer works. {@code sent} names the sending the form showed: a second click
	 * finds it sent again already and is answered as the first. What was typed in the form comes back when
	 * nothing was sent (the application completed or withdrawn meanwhile). The same button on the list of
	 * applications not complete yet names the page of the list it stood on ({@code openPage}), and is answered there.
	 */
	@PostMapping("/programme/programmes/{id}/intakes/{intake}/invitation")
	String inviteAgain(@PathVariable UUID id, @PathVariable UUID intake, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) String sent, @RequestParam(required = false) String name,
			@RequestParam(required = false) String email, @RequestParam(required = false) String language,
			@RequestParam(required = false) String openPage, Locale locale, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		boolean fromList = openPage != null;
		String at = (fromList ? "open-" : "invite-") + programme.id();
		String back = fromList
				? "redirect:/programme/intakes?programme=" + programme.id() + "&open=" + PageNumber.of(openPage) + "#" + at
				: "redirect:/programme/intakes#" + at;
		Intake invited = intakes.of(intake, programme.id())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		PendingInvitation.Again outcome = intakes.inviteAgain(intake, programme, PendingInvitation.shown(sent));
		if (outcome.isSent()) {
			if (outcome == PendingInvitation.Again.SENT_ALREADY) {
				AuditedChange.already(); // found sent again by the press before
			}
			// From the list by its name, as the list shows it; from the form with the address the manager typed there.
			redirect.addFlashAttribute("done", Map.of("key", "invitation.again.sent", "arg",
					fromList ? named(invited, locale) : namedWithAddress(invited)));
			redirect.addFlashAttribute("doneAt", at);
			return back;
		}
		AuditedChange.refused();
		// At the hourly limit nothing went out: whether the earlier link still works depends on whether it ran out.
		String problem = outcome != PendingInvitation.Again.TOO_MANY ? "invitation.again.gone"
				: intakes.pendingInvitation(programme.id(), invited.email()).filter(PendingInvitation::expired).isPresent()
						? "invitation.again.tooMany.expired" : "invitation.again.tooMany";
		if (fromList) {
			redirect.addFlashAttribute("problem", problem);
			RefusedForm.stateInTheWayAfter(redirect); // gone, or the hour's limit reached: nothing typed was wrong
			redirect.addFlashAttribute("problemAt", at);
			return back;
		}
		return refused(redirect, programme, Back.STATE_IN_THE_WAY, Map.of("email", texts.getMessage(problem, null, locale)), name,
				email, language);
	}

	/**
	 * Invites the address of an application by the programme's link or by mail whose link ran out, from its row on
	 * the list: in its name and language, and the application is withdrawn, so the person stands on the list once.
	 * Answered at the list; one that changed meanwhile (completed, withdrawn) sends nothing.
	 */
	@PostMapping("/programme/programmes/{id}/intakes/{intake}/invite-instead")
	String inviteInstead(@PathVariable UUID id, @PathVariable UUID intake, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) String openPage, Locale locale, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		String at = "open-" + programme.id();
		String back = "redirect:/programme/intakes?programme=" + programme.id() + "&open=" + PageNumber.of(openPage) + "#" + at;
		Intake application = intakes.of(intake, programme.id())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Optional<Intakes.Invited> invited = intakes.inviteInstead(intake, programme, me.id());
		// A second click finds the application withdrawn (by the public link: superseded) by the first, and its address
		// invited a moment ago: answered as the first.
		Intake.Status now = intakes.statusOf(intake, programme.id()).orElse(null);
		boolean invitedByTheClickBefore = invited.isEmpty()
				&& (now == Intake.Status.WITHDRAWN || now == Intake.Status.SUPERSEDED)
				&& intakes.pendingInvitation(programme.id(), application.email())
					.filter(pending -> !pending.expired()
							&& pending.sentAt().isAfter(java.time.OffsetDateTime.now(clock).minusMinutes(5)))
					.isPresent();
		if (invitedByTheClickBefore || invited.isPresent() && (invited.get() instanceof Intakes.Invited.Sent
				|| invited.get() instanceof Intakes.Invited.SentAgain)) {
			if (invitedByTheClickBefore) {
				AuditedChange.already();
			}
			// The applicant's name, not the address they gave: the list never shows it (decision 0138).
			redirect.addFlashAttribute("done", Map.of("key", "intakes.invite.sent", "arg", named(application, locale)));
			redirect.addFlashAttribute("doneAt", at);
			return back;
		}
		// Changed meanwhile, or the address has an invitation or a trajectory now: the invitation form says which.
		AuditedChange.refused();
		// At the hour's limit nothing went and no link works: not "the address has an invitation that works".
		redirect.addFlashAttribute("problem", invited.isEmpty() ? "intakes.inviteInstead.gone"
				: invited.get() instanceof Intakes.Invited.TooMany ? "invitation.again.tooMany.expired"
				: invited.get() instanceof Intakes.Invited.OrganisationEnded ? "intakes.invite.ended" : "intakes.inviteInstead.not");
		redirect.addFlashAttribute("problemAt", at);
		RefusedForm.stateInTheWayAfter(redirect); // changed meanwhile: the state is in the way
		return back;
	}

	@PostMapping("/programme/programmes/{id}/intakes/{intake}/withdraw")
	String withdraw(@PathVariable UUID id, @PathVariable UUID intake, @AuthenticationPrincipal SignedInAccount me,
			RedirectAttributes redirect) {
		Programme programme = own(id, me);
		String at = "open-" + programme.id();
		if (!intakes.withdraw(intake, programme.id())) {
			Intake.Status now = intakes.statusOf(intake, programme.id())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			if (now == Intake.Status.SUBMITTED) {
				// Completed while the page stood open: it waits for a coach now, and is not withdrawn.
				AuditedChange.refused();
				redirect.addFlashAttribute("problem", "intakes.withdraw.submitted");
				RefusedForm.stateInTheWayAfter(redirect);
				redirect.addFlashAttribute("problemAt", at);
				return "redirect:/programme/intakes#" + at;
			}
			// Withdrawn already: a second click, answered as the first, and on the trail as already done.
			AuditedChange.already();
		}
		redirect.addFlashAttribute("done", Map.of("key", "intakes.withdrawn", "arg", ""));
		redirect.addFlashAttribute("doneAt", at);
		return "redirect:/programme/intakes#" + at;
	}

	/**
	 * Proposes a coach. What is wrong with the form is said at its field in the intake's own form: a day
	 * that cannot be read on the page itself (422, as typed), a day out of range or a coach who cannot be
	 * proposed (full, say) after a redirect to the page of the list the form was on.
	 */
	@PostMapping("/programme/trajectories/{id}/propose")
	String propose(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam UUID coach,
			@RequestParam(name = "startOn", required = false) String typedStart,
			@RequestParam(required = false) String waitingPage, Locale locale, Model model,
			RedirectAttributes redirect) {
		TrajectoryOverview trajectory = ownTrajectory(id, me);
		LocalDate today = LocalDate.now(clock);
		boolean stillWaiting = trajectory.status() == TrajectoryStatus.INTAKE;
		// A browser without a date field sends what was typed (5-12-2026): read as the statistics' period is.
		// Before, anything but 2026-12-05 gave the general "we could not use this" page, the choices lost.
		if (stillWaiting && TypedDate.unreadable(typedStart)) {
			AuditedChange.refused();
			model.addAttribute("problem", "intakes.propose.startOn.unreadable");
			model.addAttribute("problemAt", "intake-" + trajectory.id());
			model.addAttribute("problemField", "startOn");
			model.addAttribute("proposedCoach", coach);
			model.addAttribute("proposedStart", typedStart);
			RefusedForm.shownAgain();
			return page(me, trajectory.programmeId().toString(), waitingPage, null, locale, model);
		}
		LocalDate startOn = TypedDate.read(typedStart).orElse(null);
		if (stillWaiting && startOn == null) {
			// Left empty: asked for, and the field given back empty. "Choose a date from today" beside tomorrow's
			// date filled in read as if that date were wrong.
			AuditedChange.refused();
			return backToIntake(trajectory, "intakes.propose.startOn.empty", "startOn", coach, "", waitingPage, redirect);
		}
		if (stillWaiting && (startOn.isBefore(today) || startOn.isAfter(today.plusMonths(6)))) {
			// Only for an intake still on the list: one a colleague proposed meanwhile has no form to show
			// this at, and is told so below.
			AuditedChange.refused();
			return backToIntake(trajectory, "intakes.propose.startOn", "startOn", coach, startOn.toString(), waitingPage, redirect);
		}
		try {
			// A second click (false) is answered as the first: the proposal stands.
			matching.proposeCoach(trajectory.id(), coach, startOn, me.id());
		}
		catch (IllegalTransitionException e) {
			AuditedChange.refused();
			if (stillWaiting && trajectories.byId(trajectory.id()).map(t -> t.status() == TrajectoryStatus.INTAKE).orElse(false)) {
				// About the coach chosen (full, say): said at the choice in the intake's own form, naming the coach,
				// since the list no longer selects one who cannot be proposed. At the top of the card it was out
				// of sight, and did not say which intake it was about.
				redirect.addFlashAttribute("refusedCoach", matching.pool(trajectory.programmeId())
					.stream()
					.filter(c -> c.coach().id().equals(coach))
					.map(c -> c.coach().displayName())
					.findFirst()
					.orElse(null));
				return backToIntake(trajectory, e.messageKey(), "coach", coach, startOn.toString(), waitingPage, redirect);
			}
			// The intake left the waiting list meanwhile; the programme's card is always there.
			redirect.addFlashAttribute("problem", e.messageKey());
			redirect.addFlashAttribute("problemAt", "programme-" + trajectory.programmeId());
			RefusedForm.stateInTheWayAfter(redirect);
			return "redirect:/programme/intakes#programme-" + trajectory.programmeId();
		}
		redirect.addFlashAttribute("done", Map.of("key", "intakes.proposed", "arg", TypedName.isolated(trajectory.participantName())));
		redirect.addFlashAttribute("doneAt", "asked-" + trajectory.programmeId());
		return "redirect:/programme/intakes#asked-" + trajectory.programmeId();
	}

	/** Back to the page of the list the form was on (on the first, the intake and its sentence were not there). */
	private String backToIntake(TrajectoryOverview trajectory, String problem, String field, UUID coach, String start,
			String waitingPage, RedirectAttributes redirect) {
		redirect.addFlashAttribute("problem", problem);
		redirect.addFlashAttribute("problemAt", "intake-" + trajectory.id());
		redirect.addFlashAttribute("problemField", field);
		RefusedForm.shownAgainAfter(redirect); // a day, or a coach who cannot be proposed: the choice again, 422
		redirect.addFlashAttribute("proposedCoach", coach);
		redirect.addFlashAttribute("proposedStart", start);
		return "redirect:/programme/intakes?programme=" + trajectory.programmeId() + "&waiting=" + PageNumber.of(waitingPage)
				+ "#intake-" + trajectory.id();
	}

	/**
	 * Takes back a proposal the coach has not answered: the intake is on the waiting list again. The
	 * form names the coach the page showed ({@code coach}); a second click is answered as the first.
	 */
	@PostMapping("/programme/trajectories/{id}/withdraw-proposal")
	String withdrawProposal(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) UUID coach, RedirectAttributes redirect) {
		TrajectoryOverview trajectory = ownTrajectory(id, me);
		String at = "asked-" + trajectory.programmeId();
		try {
			matching.withdrawProposal(trajectory.id(), coach == null ? trajectory.coachId() : coach, me.id());
		}
		catch (IllegalTransitionException e) {
			// The coach answered meanwhile, or a colleague proposed it again: the list shows how it stands now.
			AuditedChange.refused();
			redirect.addFlashAttribute("problem", e.messageKey());
			redirect.addFlashAttribute("problemAt", at);
			RefusedForm.stateInTheWayAfter(redirect);
			return "redirect:/programme/intakes#" + at;
		}
		redirect.addFlashAttribute("done", Map.of("key", "intakes.proposalWithdrawn", "arg", TypedName.isolated(trajectory.participantName())));
		redirect.addFlashAttribute("doneAt", at);
		return "redirect:/programme/intakes#" + at;
	}

	/** A trajectory of the manager's own organisation; any other reads as not found. */
	private TrajectoryOverview ownTrajectory(UUID id, SignedInAccount me) {
		return trajectories.byId(id)
			.filter(t -> programmes.byId(t.programmeId()).map(p -> p.organisationId().equals(me.organisationId())).orElse(false))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private Programme own(UUID id, SignedInAccount me) {
		return programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
