package nl.briefwissel.conversation.web;

import jakarta.servlet.http.HttpServletRequest;

import nl.briefwissel.audit.AccessRun;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.audit.AuditedTrajectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.AssignmentAnswers;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.conversation.LettersAfterTheEnd;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.conversation.Welcome;
import nl.briefwissel.AssignmentInLetter;
import nl.briefwissel.conversation.Workspace;
import nl.briefwissel.BracketedPlaceholders;
import nl.briefwissel.LetterLanguage;
import nl.briefwissel.Placeholders;
import nl.briefwissel.PublicAddress;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.Markdown;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.closing.Closing;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.Closings;
import nl.briefwissel.trajectory.SilentTrajectories;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.writing.WritingCheck;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The coach's trajectory page: the conversation, delivery problems, and writing the next message. */
@Controller
class ConversationController {

	/** The draft button's {@code next}: insert the chosen saved reply. */
	private static final String NEXT_REPLY = "reply";

	/** The draft button's {@code next}: choose an assignment for the letter. */
	private static final String NEXT_ASSIGNMENTS = "assignments";

	/** "Niet meesturen": the assignment chosen for the letter is not given after all. */
	private static final String NEXT_WITHOUT_ASSIGNMENT = "without-assignment";

	/** "Opdracht terugzetten": the assignment whose text the coach took out goes back under the letter. */
	private static final String NEXT_WITH_ASSIGNMENT = "with-assignment";

	private final Conversations conversations;

	private final AuditTrail auditTrail;

	private final Trajectories trajectories;

	private final AttachmentDownloads downloads;

	private final WritingCheck writing;

	private final Accounts accounts;

	private final Programmes programmes;

	private final Clock clock;

	private final CoachDesk desk;

	private final Assignments library;

	private final GivenAssignments given;

	private final MessageSource texts;

	private final Closings closings;

	private final Highlights highlightsOf;

	private final Markdown markdown;

	private final Themes themes;

	private final Quarantine quarantine;

	private final PublicAddress address;

	private final AcceptedAddresses acceptedAddresses;

	private final LettersAfterTheEnd afterTheEnd;

	private final SilentTrajectories silent;

	private final nl.briefwissel.trajectory.Extensions extensions;

	private final nl.briefwissel.trajectory.Intakes intakes;

	private final Workspace workspace;

	private final ClosingDesk closingDesk;

	ConversationController(Conversations conversations, Trajectories trajectories, AttachmentDownloads downloads,
			WritingCheck writing, Accounts accounts, Programmes programmes, Clock clock, CoachDesk desk, Assignments library, GivenAssignments given, MessageSource texts,
			Closings closings, Highlights highlightsOf, AuditTrail auditTrail, Markdown markdown, Themes themes,
			Quarantine quarantine, PublicAddress address, AcceptedAddresses acceptedAddresses, LettersAfterTheEnd afterTheEnd,
			SilentTrajectories silent, Workspace workspace, nl.briefwissel.trajectory.Intakes intakes,
			ClosingDesk closingDesk, nl.briefwissel.trajectory.Extensions extensions) {
		this.closingDesk = closingDesk;
		this.extensions = extensions;
		this.intakes = intakes;
		this.workspace = workspace;
		this.afterTheEnd = afterTheEnd;
		this.silent = silent;
		this.address = address;
		this.acceptedAddresses = acceptedAddresses;
		this.quarantine = quarantine;
		this.markdown = markdown;
		this.themes = themes;
		this.auditTrail = auditTrail;
		this.closings = closings;
		this.highlightsOf = highlightsOf;
		this.library = library;
		this.given = given;
		this.texts = texts;
		this.conversations = conversations;
		this.trajectories = trajectories;
		this.downloads = downloads;
		this.writing = writing;
		this.accounts = accounts;
		this.programmes = programmes;
		this.clock = clock;
		this.desk = desk;
	}

	/** Serializable: given back to copy in a flash attribute, which travels in the session in the database. */
	record MessageForm(@NotBlank(message = "{validation.message.required}") @Size(max = 50000,
			message = "{validation.message.length}") String text) implements java.io.Serializable {
	}

	/**
	 * The page reads some fifteen things (letters, notes, assignments, closing, …); in one read-only
	 * transaction they share one connection from the pool instead of taking and returning one each,
	 * which under load meant waiting for a free connection fifteen times per page. The transaction
	 * ends before the page is rendered.
	 */
	@Transactional(readOnly = true)
	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/coach/trajectories/{id}")
	String trajectory(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) UUID give, Locale locale, HttpServletRequest request, Model model) {
		TrajectoryOverview trajectory = own(id, me);
		if (LettersAfterTheEnd.ended(trajectory)) {
			// What the participant wrote after the end is seen now: the workspace stops naming it (decision 0090).
			// Read before the letters are: a letter that comes while the page is drawn is not taken for seen.
			afterTheEnd.waitingUpTo(id).ifPresent(upTo -> AfterTheEndSeen.opened(request, id, me.id(), upTo));
		}
		CoachDesk.Desk mine = desk.of(id, me.id());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", letterForm(trajectory, mine, give, me, locale, model));
		}
		return page(trajectory, mine, locale, model);
	}

	/** The letter as the write form shows it: the draft kept, with the assignment chosen ({@code give}) or kept with it. */
	private MessageForm letterForm(TrajectoryOverview trajectory, CoachDesk.Desk mine, UUID give, SignedInAccount me,
			Locale locale, Model model) {
		UUID id = trajectory.id();
		String draft = mine.draft().orElse("");
		// Another one chosen instead: the first one's text leaves the letter (it went out with both
		// texts, while only the second was given).
		String text = mine.draftAssignment()
			.filter(before -> give != null && !before.equals(give))
			.flatMap(before -> usable(me, before, id))
			.map(first -> withoutAssignment(draft, first, trajectory, locale))
			.orElse(draft);
		// Chosen just now, or kept with the draft when the coach comes back to the letter later.
		Optional<Assignment> giving = (give != null ? Optional.of(give) : mine.draftAssignment()).flatMap(a -> usable(me, a, id));
		if (giving.isPresent()) {
			String letter = letterText(giving.get(), trajectory, locale);
			// A draft saved with it (by the check while typing, or a button) has it once already.
			if (!AssignmentInLetter.carried(text, letter)) {
				text = text.isBlank() ? letter : text.stripTrailing() + "\n\n" + letter;
			}
			model.addAttribute("giving", giving.get());
		}
		return new MessageForm(text);
	}

	/**
	 * The assignment as it travels inside the letter, so it reads well in any mail client: headed and
	 * explained in the participant's language, as the rest of the mail is, whatever the coach's.
	 */
	private String letterText(Assignment assignment, TrajectoryOverview trajectory, Locale fallback) {
		Optional<Account> participant = accounts.byId(trajectory.participantId());
		Locale language = participant.map(Account::language).orElse(fallback);
		boolean cards = assignment.type() == AssignmentType.COACH_CARDS;
		boolean onlyNotified = trajectory.lettersByMail() && !trajectories.wantsFullText(trajectory.id());
		return assignment.asLetterText(texts.getMessage("assignment.inLetter", null, language),
				texts.getMessage(estimate(assignment, trajectory, participant.filter(Account::enabled).isPresent(), onlyNotified),
						new Object[] { assignment.minutes(),
								cards ? cardsLink(trajectory, language) : conversationLink(trajectory, language) },
						language));
	}

	/**
	 * How the participant answers. Coach cards are laid on their page, linked in the letter (as in text as
	 * in HTML mail) for a participant who can sign in: the mail said to add a value and did not say where the
	 * cards were. A programme that sends letters by mail also takes the top five as a reply to the mail, and
	 * a participant who cannot sign in answers only so. A participant who chose to get only a notification
	 * ({@code onlyNotified}) reads the letter in Briefwissel, where this mail was none they had: the line points
	 * there first, with the link, and names the notification as the mail a reply by mail answers.
	 */
	private static String estimate(Assignment assignment, TrajectoryOverview trajectory, boolean canSignIn,
			boolean onlyNotified) {
		if (assignment.type() == AssignmentType.COACH_CARDS) {
			return !canSignIn && trajectory.lettersByMail() ? "assignment.estimate.cards.byMail"
					: onlyNotified ? "assignment.estimate.cards.notification"
					: trajectory.lettersByMail() ? "assignment.estimate.cards" : "assignment.estimate.cards.secure";
		}
		return onlyNotified ? "assignment.estimate.notification"
				: trajectory.lettersByMail() ? "assignment.estimate" : "assignment.estimate.secure";
	}

	/** The conversation the letter is read in, in the participant's language, as the notification links it. */
	private String conversationLink(TrajectoryOverview trajectory, Locale language) {
		return address.link("/participant/conversation", language).queryParam("trajectory", trajectory.id()).toUriString();
	}

	/**
	 * The participant's coach cards of this trajectory: the given assignment has no id before the letter
	 * goes, so the link names the trajectory and opens its open cards (CoachCardsController). In the
	 * participant's language: a link in a mail often opens in a browser that has not been here before.
	 */
	private String cardsLink(TrajectoryOverview trajectory, Locale language) {
		return address.link("/participant/cards", language).queryParam("trajectory", trajectory.id()).toUriString();
	}

	/**
	 * The letter without the assignment's text, found as sending and the check find it ({@link AssignmentInLetter}):
	 * matched word for word only, a worksheet the coach had changed a word of stayed in the letter when the coach took
	 * the assignment out or chose another, while sending took it for the assignment's.
	 */
	private String withoutAssignment(String draft, Assignment assignment, TrajectoryOverview trajectory, Locale fallback) {
		return AssignmentInLetter.without(draft, letterText(assignment, trajectory, fallback));
	}

	/**
	 * Choosing an assignment for the next letter, with each one's instructions to read first: those
	 * in the participant's language that suit the trajectory's theme, then the rest in that language,
	 * then those in another language under a heading of their own, the theme's first (the library has
	 * most assignments in Dutch and in English, and for a Dutch participant the theme's group held each
	 * twice). One given in this trajectory before says when, as a coach would not give it twice unknowingly.
	 * Choosing one goes back to the write form with the assignment in the letter; nothing is given until
	 * the letter is sent.
	 */
	@GetMapping("/coach/trajectories/{id}/assignments")
	String chooseAssignment(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) String q, @RequestParam(required = false) AssignmentType type,
			@RequestParam(required = false) UUID giving, Locale locale, Model model) {
		TrajectoryOverview trajectory = own(id, me);
		// The assignment the letter carries already: "back to the letter" keeps it given.
		model.addAttribute("giving", giving == null ? null : usable(me, giving, id).map(Assignment::id).orElse(null));
		String language = accounts.byId(trajectory.participantId()).map(Account::language).orElse(locale).getLanguage();
		// The participant's language first, as the groups below are, each group alphabetical (Assignments.readingOrder).
		List<Assignment> found = library.forCoach(me.id(), new Assignments.Search(q, null, type), Locale.forLanguageTag(language));
		java.util.function.Predicate<Assignment> fits = a -> trajectory.theme() != null && a.themes().contains(trajectory.theme());
		java.util.function.Predicate<Assignment> inLanguage = a -> a.language().getLanguage().equals(language);
		List<Assignment> otherLanguage = found.stream()
			.filter(inLanguage.negate())
			.sorted(Comparator.comparing(a -> !fits.test(a)))
			.toList();
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("fitting", found.stream().filter(inLanguage.and(fits)).toList());
		model.addAttribute("others", found.stream().filter(inLanguage.and(fits.negate())).toList());
		model.addAttribute("otherLanguage", otherLanguage);
		// Its heading names the language when there is one ("In het Engels"), or says "another language".
		List<String> otherLanguages = otherLanguage.stream().map(a -> a.language().getLanguage()).distinct().toList();
		model.addAttribute("otherLanguageName", otherLanguages.size() == 1 ? otherLanguages.get(0) : null);
		// The last time each was given in this trajectory (the same one may have been given again).
		model.addAttribute("givenOn", given.of(id)
			.stream()
			.filter(g -> g.assignmentId() != null)
			.collect(Collectors.toMap(GivenAssignments.Given::assignmentId, GivenAssignments.Given::givenAt,
					(first, later) -> later.isAfter(first) ? later : first)));
		model.addAttribute("instructionsHtml", found.stream()
			.collect(Collectors.toMap(Assignment::id, a -> markdown.html(a.instructions()), (a, b) -> a)));
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("type", type);
		model.addAttribute("types", AssignmentType.values());
		return "conversation/choose-assignment";
	}

	/**
	 * Who opened or exported this trajectory's content, so the coach can answer the participant's question
	 * about it, a page at a time from the last line shown, as the administrator's search. By default the
	 * lines of others than the coach and the participant, with their own counted above: every page view
	 * of theirs is a line, and an administrator's one read was lost among them. {@code all} shows every line.
	 */
	@GetMapping("/coach/trajectories/{id}/access")
	String access(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String olderAt, @RequestParam(defaultValue = "") String olderId,
			@RequestParam(defaultValue = "false") boolean all, Model model) {
		TrajectoryOverview trajectory = own(id, me);
		model.addAttribute("trajectory", trajectory);
		AuditTrail.Position after = AuditTrail.Position.fromLink(olderAt, olderId);
		AuditTrail.Page page = all ? auditTrail.ofTrajectory(id, after)
				: auditTrail.ofTrajectoryByOthers(id,
						java.util.stream.Stream.of(trajectory.coachId(), trajectory.participantId()).filter(java.util.Objects::nonNull).toList(),
						after);
		// Line by line here; the participant's own page joins the same in a row (AccessRun.of).
		model.addAttribute("runs", page.entries().stream().map(AccessRun::one).toList());
		model.addAttribute("older", page.older());
		model.addAttribute("later", after != null);
		model.addAttribute("all", all);
		model.addAttribute("coachReads", auditTrail.readsOf(id, trajectory.coachId()));
		model.addAttribute("participantReads", auditTrail.readsOf(id, trajectory.participantId()));
		return "conversation/access";
	}

	/**
	 * Keeps the draft on the server, for the buttons when JavaScript is off: "Concept bewaren" comes
	 * back to the letter; inserting a saved reply ({@code next=reply}) and choosing an assignment
	 * ({@code next=assignments}) go on from here, so the letter typed is kept (a form or link of their
	 * own left it behind). Only those two pages are ever next; the assignment that goes with the
	 * letter goes along, kept with the draft; {@code next=without-assignment} takes it out of the
	 * letter. A saved reply goes into the draft here, not into the page that follows: a reload of that
	 * page (or its address kept in the history) inserted it once more.
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/coach/trajectories/{id}/draft")
	String saveDraft(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@ModelAttribute("form") MessageForm form, BindingResult errors, @RequestParam(required = false) UUID submission,
			@RequestParam(required = false) UUID assignment, @RequestParam(required = false) String next,
			@RequestParam(required = false) UUID use, @RequestParam(required = false) String draftBase, Locale locale,
			Model model, RedirectAttributes redirect, HttpServletRequest request) {
		Optional<TrajectoryOverview> mine = mine(id, me);
		if (mine.isEmpty()) {
			return handedOver(id, me, form.text(), "kept", model);
		}
		TrajectoryOverview trajectory = mine.get();
		boolean inserting = NEXT_REPLY.equals(next) && use != null;
		String typed = form.text() == null ? "" : form.text();
		// One that does not open has nothing to insert (decision 0057): the letter stays as typed.
		String draft = !inserting ? typed : desk.savedReplies(me.id())
			.stream()
			.filter(reply -> reply.id().equals(use) && reply.readable())
			.findFirst()
			.map(reply -> typed.isBlank() ? reply.body() : typed.stripTrailing() + "\n\n" + reply.body())
			.orElse(typed);
		Optional<Assignment> giving = assignment == null ? Optional.empty() : usable(me, assignment, id);
		boolean takenOut = NEXT_WITHOUT_ASSIGNMENT.equals(next) && giving.isPresent();
		// Its text had left the letter already (a letter refused for it): nothing was taken out of the draft.
		boolean wasInIt = takenOut && AssignmentInLetter.carried(draft, letterText(giving.get(), trajectory, Locale.forLanguageTag("nl")));
		if (takenOut) {
			draft = withoutAssignment(draft, giving.get(), trajectory, Locale.forLanguageTag("nl"));
			giving = Optional.empty();
		}
		if (draft.length() > CoachDesk.MAX_DRAFT) {
			// Inserting says the reply is not in: the field keeps what was typed, without it, and "not saved" alone
			// left the coach to find out why the reply was missing.
			String refusal = inserting && !draft.equals(typed) ? "conversation.savedReply.tooLong" : "conversation.draft.tooLong";
			return draftTooLong(trajectory, me, refusal, draft.length(), giving, draftBase, errors, locale, model, request);
		}
		Optional<UUID> chosen = giving.map(Assignment::id);
		String page = "/coach/trajectories/" + id;
		CoachDesk.DraftSave saved = desk.saveDraft(id, me.id(), draft, submission, chosen.orElse(null), draftBase);
		if (saved instanceof CoachDesk.DraftSave.Overtaken overtaken) {
			return overtaken(trajectory, me, overtaken, typed, locale, request, model);
		}
		if (NEXT_ASSIGNMENTS.equals(next)) {
			return "redirect:" + page + "/assignments" + chosen.map(a -> "?giving=" + a).orElse("");
		}
		String give = chosen.map(a -> "?give=" + a).orElse("");
		if (inserting) {
			redirect.addFlashAttribute("replyInserted", true);
		}
		else {
			// An empty draft is not "saved": the coach emptied it, and the page says that. An assignment taken
			// out is what the coach asked for: the page says it no longer goes with the letter.
			// Put back: the page that follows adds its text under the letter, as it does for one just chosen.
			redirect.addFlashAttribute("draftSaved", takenOut ? (wasInIt ? "withoutAssignment" : "withoutAssignmentLeftOut")
					: NEXT_WITH_ASSIGNMENT.equals(next) && chosen.isPresent() ? "assignmentBack"
					: draft.isBlank() ? "emptied" : "saved");
		}
		return "redirect:" + page + give + "#draft-status";
	}

	/**
	 * A draft longer than is kept: it was cut short and said to be saved, the rest lost. Now nothing is
	 * kept, and the page says so at the letter, with the whole text still in the field to shorten. The
	 * sentence ({@code refusal}) names what the coach asked for: a check refused was told its draft was
	 * not saved, when they had asked for no save. It says the limit, the length and how much too long, so the coach
	 * knows how much to cut.
	 */
	private String draftTooLong(TrajectoryOverview trajectory, SignedInAccount me, String refusal, int length, Optional<Assignment> giving,
			String draftBase, BindingResult errors, Locale locale, Model model, HttpServletRequest request) {
		errors.rejectValue("text", refusal, new Object[] { CoachDesk.MAX_DRAFT, length, length - CoachDesk.MAX_DRAFT }, null);
		giving.ifPresent(a -> model.addAttribute("giving", a));
		if (draftBase != null) {
			model.addAttribute("draftBase", draftBase); // nothing was saved: the next save is still based on it
		}
		AuditedTrajectory.shown(request, trajectory.id());
		return page(trajectory, desk.of(trajectory.id(), me.id()), locale, model);
	}

	/**
	 * A save from a tab whose draft was sent or changed in another since (decision 0060): the page again, 409, the
	 * draft's state in the way and not the text (decision 0139, amended); it says so where the draft's status stands,
	 * which takes the focus, with the text typed in this tab to copy, and the newest draft (or, sent, an empty one) in
	 * the write form, as the page's address shows it. It was a redirect to #draft-status.
	 */
	private String overtaken(TrajectoryOverview trajectory, SignedInAccount me, CoachDesk.DraftSave.Overtaken overtaken,
			String typed, Locale locale, HttpServletRequest request, Model model) {
		RefusedForm.stateInTheWay();
		model.addAttribute("draftOvertaken", overtaken.sent() ? "sent" : "changed");
		model.addAttribute("overtakenText", typed == null ? "" : typed);
		// In place of the form posted (and its binding), which held this tab's text. The desk read once, for both.
		CoachDesk.Desk mine = desk.of(trajectory.id(), me.id());
		model.addAttribute("form", letterForm(trajectory, mine, null, me, locale, model));
		AuditedTrajectory.shown(request, trajectory.id());
		return page(trajectory, mine, locale, model);
	}

	@PostMapping("/coach/trajectories/{id}/notes")
	String addNote(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String note, @RequestParam(required = false) UUID form, Model model,
			RedirectAttributes redirect) {
		if (mine(id, me).isEmpty()) {
			return handedOver(id, me, note, "kept", model);
		}
		// As the browser counted it: a line break is one character there, two in the form it sends.
		note = note.replace("\r\n", "\n");
		if (note.isBlank() || note.length() > 20_000) {
			// Each its own sentence: one too long was told to write it first.
			redirect.addFlashAttribute("noteError", note.isBlank() ? "conversation.notes.error" : "conversation.notes.tooLong");
			redirect.addFlashAttribute("noteText", note); // given back to shorten, not lost
			RefusedForm.shownAgainAfter(redirect); // a redirect still (decision 0139), its page 422 and titled "Fout: "
		}
		else {
			desk.addNote(id, me.id(), note, form); // a double click keeps one
			redirect.addFlashAttribute("noteSaved", true);
		}
		return "redirect:/coach/trajectories/" + id + "#notes";
	}

	/**
	 * The closing summary, kept as a draft or sent with its own button ({@code send}): saving alone tells the
	 * participant nothing (decision 0086). Its form stands on this page, so a refusal is answered here with the page
	 * again (decision 0139, amended), the text in its field: what was typed is wrong (empty, too long, a placeholder
	 * when sending: nothing fills one in, decision 0066; a change with the words the participant reads already, which
	 * would mail them of a change that is none, decision 0146 amended) 422, said at the field and in the list above the form; sent
	 * in another tab, saved in another tab since this form was shown (its {@code summaryBase}, decision 0146), reacted to
	 * by the participant (then it stands), or the trajectory ended, the state in the way, 409, the newest summary shown
	 * and the text kept, to copy once no form is left. The
	 * closing module keeps the summary; the page is this module's, which the closing module may not draw. Handed over
	 * meanwhile, the trajectory is not this coach's page any more, but the text is still theirs: a page of its own.
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/coach/trajectories/{id}/closing")
	String writeClosing(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String summary, @RequestParam(defaultValue = "false") boolean send,
			@RequestParam(required = false) String summaryBase, Locale locale,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		// A browser sends a line end as two characters where the field's maxlength counted one.
		String typed = summary.replace("\r\n", "\n");
		Optional<TrajectoryOverview> mine = mine(id, me);
		if (mine.isEmpty()) {
			return handedOver(id, me, typed, "closing", model);
		}
		TrajectoryOverview trajectory = mine.get();
		// The state before the text: from a tab opened before the end (or the sending, or the reaction) the form is gone
		// from the page, and a list that pointed at its field was no help; the words come back to copy. Reacted to before
		// sent already: a draft told to be sent as a change would be refused again (decision 0146).
		ClosingDesk.Written inTheWay = !ClosingDesk.open(trajectory) ? ClosingDesk.Written.ENDED
				: closings.asWritten(id).filter(Closing::stands).isPresent() ? ClosingDesk.Written.REACTED
				: !send && closings.sentAt(id).isPresent() ? ClosingDesk.Written.SENT_ALREADY : null;
		if (inTheWay != null) {
			return closingInTheWay(trajectory, me, inTheWay, typed, locale, request, model);
		}
		List<String> placeholders = send ? Placeholders.in(typed) : List.of();
		// Emptied, as a sent summary's field is to write it anew: asked for, not told its length, as a note is.
		String mistake = typed.isBlank() ? "closing.error.summary.empty"
				: typed.length() > ClosingDesk.MAX_SUMMARY ? "closing.error.summary"
				: !placeholders.isEmpty() ? "closing.error.placeholder" : null;
		if (mistake != null) {
			RefusedForm.shownAgain();
			if (!placeholders.isEmpty()) {
				model.addAttribute("closingPlaceholders", String.join(", ", placeholders));
				model.addAttribute("closingPlaceholderCount", placeholders.size());
			}
			return closingRefused(trajectory, me, mistake, typed, locale, request, model);
		}
		// Checked again under the trajectory's lock: ended, sent, saved in another tab or reacted to since the check above.
		ClosingDesk.Written outcome = closingDesk.write(trajectory, me.id(), typed, send, summaryBase);
		String done = switch (outcome) {
			case DRAFTED -> "closing.saved";
			case SENT -> "closing.sent";
			case CHANGE_SENT -> "closing.sent.change";
			case SENT_ALREADY, REACTED, OVERTAKEN, ENDED, UNCHANGED -> null;
		};
		if (outcome == ClosingDesk.Written.UNCHANGED) {
			// What was typed is what the participant reads already: 422 at the field, the words kept to change them.
			RefusedForm.shownAgain();
			return closingRefused(trajectory, me, "closing.error.unchanged", typed, locale, request, model);
		}
		if (done == null) {
			Optional<TrajectoryOverview> now = mine(id, me);
			if (now.isEmpty()) {
				return handedOver(id, me, typed, "closing", model); // handed over after the check above
			}
			return closingInTheWay(now.get(), me, outcome, typed, locale, request, model);
		}
		redirect.addFlashAttribute("closingDone", done);
		return "redirect:/coach/trajectories/" + id + "#closing";
	}

	/**
	 * Not kept as the trajectory ended, the summary was sent, saved in another tab or reacted to meanwhile: the state in
	 * the way, 409.
	 */
	private String closingInTheWay(TrajectoryOverview trajectory, SignedInAccount me, ClosingDesk.Written outcome,
			String typed, Locale locale, HttpServletRequest request, Model model) {
		RefusedForm.stateInTheWay();
		model.addAttribute("closingStateInTheWay", Boolean.TRUE);
		String problem = switch (outcome) {
			case SENT_ALREADY -> "closing.error.sentAlready";
			case REACTED -> "closing.error.reacted";
			case OVERTAKEN -> "closing.error.summaryOvertaken";
			default -> "closing.error.ended";
		};
		return closingRefused(trajectory, me, problem, typed, locale, request, model);
	}

	/**
	 * The page as it stands now, with the refusal and the text typed, marked in the language of its own words as saved
	 * ones are (decision 0097, amended), not the saved summary's, which the typed words may not be in.
	 */
	private String closingRefused(TrajectoryOverview trajectory, SignedInAccount me, String problem, String typed,
			Locale locale, HttpServletRequest request, Model model) {
		model.addAttribute("closingProblem", problem);
		model.addAttribute("closingTyped", typed);
		String lang = LetterLanguage.langOn(typed, locale); // none where the words do not tell, or are the page's
		if (lang != null) {
			model.addAttribute("closingTypedLang", lang);
		}
		AuditedTrajectory.shown(request, trajectory.id());
		// Drawn here, not through trajectory(...): a call from within the class passes by its read-only transaction.
		CoachDesk.Desk mine = desk.of(trajectory.id(), me.id());
		model.addAttribute("form", letterForm(trajectory, mine, null, me, locale, model));
		return page(trajectory, mine, locale, model);
	}

	/**
	 * Reading the trajectory, storing the letter with its mail and clearing the draft are one
	 * transaction: one connection from the pool, and no draft left behind a letter that was sent.
	 */
	@Transactional
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/coach/trajectories/{id}/messages")
	String write(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@Valid @ModelAttribute("form") MessageForm form, BindingResult errors,
			@RequestParam(required = false) UUID assignment, @RequestParam(required = false) UUID submission,
			@RequestParam(required = false) String draftBase, @RequestParam(required = false) String placeholdersPassed,
			Locale locale, Model model, RedirectAttributes redirect, HttpServletRequest request) {
		Optional<TrajectoryOverview> mine = mine(id, me);
		if (mine.isEmpty()) {
			return handedOver(id, me, form.text(), null, model);
		}
		TrajectoryOverview trajectory = mine.get();
		Optional<Assignment> giving = assignment == null ? Optional.empty() : usable(me, assignment, id);
		// The assignment as the letter carries it, worked out once: the check that it is still in the letter,
		// the brackets check and the letter that goes all read it (each looked up the participant's language).
		Optional<String> assignmentText = giving.map(a -> letterText(a, trajectory, locale));
		// Nothing fills in a placeholder after the welcome letter: one left from a saved reply or a copied
		// template would reach the participant in braces. Refused at the letter (decision 0066).
		List<String> placeholders = Placeholders.in(form.text());
		if (!errors.hasFieldErrors("text") && !placeholders.isEmpty()) {
			// One the assignment's own text brought in (saved before the library refused them) is named with
			// it: pointed at saved replies, the coach looked where it was not.
			Optional<Assignment> from = giving.filter(a -> Placeholders.in(a.title() + "\n" + a.instructions())
				.stream()
				.anyMatch(placeholders::contains));
			if (from.isPresent()) {
				errors.rejectValue("text", "validation.message.placeholder.assignment",
						new Object[] { String.join(", ", placeholders), placeholders.size(), from.get().title() }, null);
			}
			else {
				errors.rejectValue("text", "validation.message.placeholder",
						new Object[] { String.join(", ", placeholders), placeholders.size() }, null);
			}
		}
		// An assignment is given by the letter that carries it. One whose text the coach took out of the letter
		// was recorded as given all the same: the participant's next letter became its answer, and her record
		// listed an assignment she never received. Refused at the letter, with a way to put it back or go on
		// without it (the buttons under the message).
		if (!errors.hasFieldErrors("text") && form.text() != null
				&& assignmentText.filter(letter -> !AssignmentInLetter.carried(form.text(), letter)).isPresent()) {
			errors.rejectValue("text", "validation.message.assignmentLeftOut", new Object[] { giving.get().title() }, null);
			model.addAttribute("assignmentLeftOut", true);
		}
		// A video assignment is watched from a link: without one the participant could only write back that
		// there was no video, and that reply would count as its answer. Refused at the letter (decision 0087).
		if (!errors.hasFieldErrors("text") && giving.filter(a -> a.videoLinkMissingFrom(form.text())).isPresent()) {
			errors.rejectValue("text", "validation.message.videoLink");
		}
		// A letter goes as plain text: a Markdown link stays as its brackets, and one to javascript: or data: or
		// without https:// (example.nl/cv.pdf) is not a link anywhere. Left to the participant it read as code;
		// said at the letter instead.
		List<String> dropped = Markdown.droppedLinks(form.text());
		if (!errors.hasFieldErrors("text") && !dropped.isEmpty()) {
			errors.rejectValue("text", "validation.message.droppedLink",
					new Object[] { String.join(", ", dropped), dropped.size() }, null);
		}
		if (!errors.hasErrors()) {
			heldForBrackets(form.text(), assignmentText, placeholdersPassed, model);
		}
		if (errors.hasErrors() || model.containsAttribute("bracketsFound")) {
			// The letter comes back with the whole conversation: a view of its content, as the page is.
			giving.ifPresent(a -> model.addAttribute("giving", a));
			// Still based on the draft the form was opened with: a save of this text is tested against that.
			if (draftBase != null) {
				model.addAttribute("draftBase", draftBase);
			}
			AuditedTrajectory.shown(request, id);
			return page(trajectory, desk.of(id, me.id()), locale, model);
		}
		// A second click finds the letter of the first: nothing is written, given or mailed twice.
		Conversations.FormLetter letter = conversations.coachWritesOnce(trajectory, me.id(), form.text(), submission,
				assignmentText.orElse(null));
		if (letter instanceof Conversations.FormLetter.Refused) {
			// Ended (or handed over) since the page was opened: the letter comes back to copy, not mailed.
			Optional<TrajectoryOverview> now = mine(id, me);
			if (now.isEmpty()) {
				return handedOver(id, me, form.text(), null, model);
			}
			// The trajectory's state refused it, not the letter: 409 (decision 0139, amended).
			RefusedForm.stateInTheWay();
			model.addAttribute("notSent", true);
			AuditedTrajectory.shown(request, id);
			return page(now.get(), desk.of(id, me.id()), locale, model);
		}
		if (letter instanceof Conversations.FormLetter.Written written) {
			giving.ifPresent(a -> given.give(id, a.id(), written.messageId()));
		}
		// A draft saved in another tab after this form's base is not this letter: it stays (decision 0060).
		if (desk.letterSent(id, me.id(), submission, draftBase)) {
			redirect.addFlashAttribute("newerDraftKept", true);
		}
		// A programme that keeps letters out of ordinary mail sends a notice, and so does one for a participant
		// who chose only a notification: the page says which went.
		// As the mail was made: not read again (a second click's letter was made by the first).
		redirect.addFlashAttribute("sent", letter instanceof Conversations.FormLetter.Written written
				? wentAs(trajectory, written.asNotification()) : mailed(trajectory));
		return "redirect:/coach/trajectories/" + id + "#sent";
	}

	/**
	 * What looks like a place a template left to fill in ([Vul hier … in], [naam]) holds the letter once,
	 * named, with "Toch versturen" to send it as it is: brackets are as often meant, so not refused
	 * (decision 0114). The pass goes with that button and is for this text only: a letter changed after
	 * the warning is read again. A worksheet in the assignment's own text is for the participant to fill in:
	 * that text is taken out of the letter once, as the letter carries it, and the rest read, as the writing
	 * help reads it ({@link AssignmentInLetter}).
	 */
	private static void heldForBrackets(String text, Optional<String> assignmentText, String passed, Model model) {
		List<String> found = BracketedPlaceholders.in(AssignmentInLetter.blanked(text, assignmentText.orElse(null)));
		String pass = passFor(text);
		if (!found.isEmpty() && !pass.equals(passed)) {
			model.addAttribute("bracketsFound", found);
			model.addAttribute("bracketsPass", pass);
		}
	}

	/** The letter's fingerprint, as the browser sends it back either way (a line break as CRLF or LF). */
	private static String passFor(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException missing) {
			throw new IllegalStateException("Every Java platform has SHA-256", missing);
		}
	}

	/**
	 * A letter, draft or note for a trajectory this coach no longer has: handed over to another coach
	 * while the page was open. The conversation is not theirs to see any more, but what they typed is:
	 * it comes back to copy, with why it was not sent ({@code notSaved} null) or not kept ("kept"), answered 409:
	 * the state is in the way, not what was typed (decision 0139, amended). Any other identifier is not found,
	 * as everywhere.
	 */
	private String handedOver(UUID id, SignedInAccount me, String typed, String notSaved, Model model) {
		if (trajectories.withContent(id).isEmpty() || !trajectories.coachedBefore(id, me.email())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		RefusedForm.stateInTheWay();
		model.addAttribute("text", typed);
		model.addAttribute("notSaved", notSaved);
		return "conversation/handed-over";
	}

	/**
	 * The second reader: without JavaScript the check button shows the whole page again with the
	 * findings; with htmx only the findings are swapped in while the coach types.
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/coach/trajectories/{id}/check")
	String check(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@ModelAttribute("form") MessageForm form, BindingResult errors, @RequestParam(required = false) UUID submission,
			@RequestParam(required = false) UUID assignment, @RequestParam(required = false) String draftBase,
			@RequestParam(defaultValue = "false") boolean unreadableDraft, Locale locale,
			Model model, @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request) {
		Optional<TrajectoryOverview> mine = mine(id, me);
		if (mine.isEmpty() && htmx == null) {
			return handedOver(id, me, form.text(), "kept", model); // the check keeps the draft: not kept here
		}
		// While typing (htmx) a refusal swaps nothing in: the text stays in the coach's field.
		TrajectoryOverview trajectory = mine.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		// Too long to keep: not cut short and kept as if whole. While typing the answer says it is not kept
		// (the text stays in the field); without JavaScript the page says so at the letter.
		if (form.text() != null && form.text().length() > CoachDesk.MAX_DRAFT) {
			if (htmx != null) {
				model.addAttribute("tooLongLength", form.text().length());
				model.addAttribute("maxDraft", CoachDesk.MAX_DRAFT);
				// Refused as the page's save is (422); the layout's htmx configuration swaps it in all the same.
				RefusedForm.shownAgain();
				return "conversation/fragments :: draftTooLong";
			}
			return draftTooLong(trajectory, me, "conversation.check.tooLong", form.text().length(),
					assignment == null ? Optional.empty() : usable(me, assignment, id), draftBase, errors, locale, model, request);
		}
		// Every check also keeps the draft: typing with htmx saves it as the coach goes (not after sending).
		// The assignment as posted: the page checks it is one the coach may give when it shows the draft.
		// Not while the form stands on a draft that does not open: that one stays until the coach saves or
		// sends (the page says so), not written over by the first pause in typing (decision 0057).
		CoachDesk.DraftSave saved = unreadableDraft ? new CoachDesk.DraftSave.Kept(CoachDesk.revision(draftBase))
				: desk.saveDraft(id, me.id(), form.text(), submission, assignment, draftBase);
		if (saved instanceof CoachDesk.DraftSave.Overtaken overtaken) {
			if (htmx == null) {
				return overtaken(trajectory, me, overtaken, form.text(), locale, request, model);
			}
			// While typing the text stays in the field; the answer says it is not kept, and how to see both. The
			// draft's state refused it (409); the layout's htmx configuration swaps it in all the same.
			RefusedForm.stateInTheWay();
			model.addAttribute("trajectoryId", id);
			model.addAttribute("overtakenSent", overtaken.sent());
			return "conversation/fragments :: overtaken";
		}
		// What the form's next save is based on: the check's answer puts it into the form.
		UUID revision = ((CoachDesk.DraftSave.Kept) saved).revision();
		model.addAttribute("draftBase", revision == null ? "" : revision.toString());
		// The letter itself may not be longer than this; the check while typing has no form rule to stop it.
		String text = form.text() == null ? "" : form.text().length() > 50_000 ? form.text().substring(0, 50_000) : form.text();
		// The assignment's text in the letter is not the coach's writing: no remarks on its questions.
		String quoted = assignment == null ? null
				: usable(me, assignment, id).map(a -> letterText(a, trajectory, locale)).orElse(null);
		model.addAttribute("report", writing.check(text,
				accounts.byId(trajectory.participantId()).map(Account::language).orElse(null),
				programmes.byId(trajectory.programmeId()).map(Programme::jargon).orElse(List.of()), quoted));
		if (htmx != null) {
			return "conversation/fragments :: autosaved";
		}
		// Without JavaScript the findings come with the whole conversation: a view of its content. The
		// assignment chosen stays with the form, or "Versturen" would send its text without giving it.
		if (assignment != null) {
			usable(me, assignment, id).ifPresent(a -> model.addAttribute("giving", a));
		}
		model.addAttribute("checkedWithoutScript", true);
		AuditedTrajectory.shown(request, id);
		return page(trajectory, desk.of(id, me.id()), locale, model);
	}

	/**
	 * How a letter went: {@code mail} with its words, {@code notice} because the programme sends no letters by mail,
	 * {@code chosenNotice} because the participant chose a notification only.
	 */
	private String mailed(TrajectoryOverview trajectory) {
		return !trajectory.lettersByMail() ? "notice" : conversations.lettersGoInFull(trajectory) ? "mail" : "chosenNotice";
	}

	/** As {@link #mailed}, for a letter whose mail was just made and went as a notification or not. */
	private static String wentAs(TrajectoryOverview trajectory, boolean asNotification) {
		return !trajectory.lettersByMail() ? "notice" : asNotification ? "chosenNotice" : "mail";
	}

	/** A letter whose mail failed goes once more, when the coach says so. */
	@PostMapping("/coach/trajectories/{id}/messages/{messageId}/send-again")
	String sendAgain(@PathVariable UUID id, @PathVariable UUID messageId, @AuthenticationPrincipal SignedInAccount me,
			RedirectAttributes redirect) {
		TrajectoryOverview trajectory = own(id, me);
		if (conversations.sendAgain(trajectory, me.id(), messageId)) {
			redirect.addFlashAttribute("sentAgain", mailed(trajectory));
		}
		else {
			redirect.addFlashAttribute("notSentAgain", true);
		}
		return "redirect:/coach/trajectories/" + id + "#m-" + messageId;
	}

	/**
	 * The coach heard that mail arrives again (the participant emptied a full mailbox, the address was
	 * put right): the warning goes. Only a mail from the participant took it away before, so a participant
	 * who answered on the web kept it for the rest of the trajectory.
	 */
	@PostMapping("/coach/trajectories/{id}/mail-failure/resolved")
	String mailWorksAgain(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		conversations.mailWorksAgain(own(id, me).id());
		redirect.addFlashAttribute("mailWorksAgain", true);
		return "redirect:/coach/trajectories/" + id + "#mail-works-again";
	}

	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/coach/trajectories/{id}/messages/{messageId}/original")
	String original(@PathVariable UUID id, @PathVariable UUID messageId, @AuthenticationPrincipal SignedInAccount me,
			Model model) {
		TrajectoryOverview trajectory = own(id, me);
		Message message = conversations.arrivedByMail(id, messageId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("message", message);
		// A mail that does not open is a page that says so, not an error page (decision 0057).
		nl.briefwissel.mail.ReadMail mail = downloads.original(message).orElse(null);
		model.addAttribute("mail", mail);
		// Every file of the mail and whether it was kept, read from the raw mail as its text is: the page
		// opens rarely, so the small images left out as layout are not stored anywhere else.
		model.addAttribute("files", mail == null ? List.of() : java.util.stream.Stream
			.concat(mail.attachments().stream(), mail.layoutImages().stream())
			.map(file -> new nl.briefwissel.conversation.Attachment(null, message.id(), file.name(), file.contentType(), file.size(), file.refusal()))
			.toList());
		model.addAttribute("back", "/coach/trajectories/" + id);
		return "conversation/original";
	}

	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/coach/trajectories/{id}/attachments/{attachmentId}")
	org.springframework.http.ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable UUID attachmentId,
			@AuthenticationPrincipal SignedInAccount me) {
		own(id, me);
		return downloads.download(id, attachmentId);
	}

	/** A file the participant's application by mail came with (a CV), beside the question on this page. */
	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/coach/trajectories/{id}/application-files/{fileId}")
	org.springframework.http.ResponseEntity<byte[]> applicationFile(@PathVariable UUID id, @PathVariable UUID fileId,
			@AuthenticationPrincipal SignedInAccount me) {
		own(id, me);
		return downloads.applicationFile(id, fileId);
	}

	/** The photo small in its letter; the page that shows it is on the trail (AttachmentDownloads#preview). */
	@GetMapping("/coach/trajectories/{id}/attachments/{attachmentId}/preview")
	org.springframework.http.ResponseEntity<byte[]> attachmentPreview(@PathVariable UUID id, @PathVariable UUID attachmentId,
			@AuthenticationPrincipal SignedInAccount me) {
		own(id, me);
		return downloads.preview(id, attachmentId);
	}

	/** The page with the coach's own draft, notes and saved replies, read by the caller in one query. */
	private String page(TrajectoryOverview trajectory, CoachDesk.Desk mine, Locale locale, Model model) {
		// A letter that does not open is a marked line of the page, not an error page (decision 0057).
		List<Message> conversation = conversations.toRead(trajectory);
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("submission", UUID.randomUUID()); // this form's letter is written once
		if (!model.containsAttribute("draftBase")) { // the draft this form's saves are based on (decision 0060)
			model.addAttribute("draftBase", mine.draftRevision().map(UUID::toString).orElse(""));
		}
		model.addAttribute("noteForm", UUID.randomUUID()); // and its note kept once
		// Read here, in the page's transaction, not by the template while it renders.
		model.addAttribute("themeLabel", trajectory.theme() == null ? null : themes.label(trajectory.programmeId(), trajectory.theme(), locale));
		model.addAttribute("messages", conversation);
		// The language the coach is expected to write in: the box's lang (and spell-check), the summary's too.
		model.addAttribute("lettersLanguage", Message.expectedIn(conversation, trajectory.participantLanguage()));
		// Marked as the record heads them (decision 0122); asked only of an ended trajectory.
		model.addAttribute("lettersAfterTheEnd", conversations.afterTheEnd(trajectory, conversation));
		model.addAttribute("deliveries", conversations.deliveries(conversation));
		model.addAttribute("mailFailure", conversations.mailFailure(trajectory.id()).orElse(null));
		// Mail meant for this conversation that did not go in (too big, from another address): when and why,
		// not what it said (decision 0075).
		model.addAttribute("heldBack", quarantine.heldFor(trajectory.id()));
		model.addAttribute("acceptedAddresses", acceptedAddresses.of(trajectory.id())); // decision 0089
		LocalDate today = LocalDate.now(clock);
		model.addAttribute("today", today);
		model.addAttribute("progress", trajectory.progressOn(today).orElse(null));
		// Stopped by the participant themselves: said above the course, with their words (decision 0141); asked only of a stopped one.
		model.addAttribute("participantStop", trajectory.status() == TrajectoryStatus.STOPPED
				? trajectories.stoppedByParticipant(trajectory.id()).orElse(null) : null);
		// Each extension with its weeks and the last contact moment its mail named, as the record says them; asked
		// only of a trajectory that was extended.
		model.addAttribute("extensions", extensions.of(trajectory));
		// The reply promised, as the workspace names it: the page said only when the next contact moment was.
		// From the letters read above: one more query per view made the page dearer (docs/performance.md).
		// The closing read here already, for the participant's reaction by mail: that letter asks no answer (decision 0136).
		Closing closing = closings.asWritten(trajectory.id()).orElse(null);
		model.addAttribute("replyDue", workspace.waitingForReply(trajectory, conversation,
				closing == null ? null : closing.reactionLetterId()).orElse(null));
		// Past its last contact moment: the day it stops by itself if nobody writes (decision 0108).
		model.addAttribute("silence", silent.of(trajectory).orElse(null));
		model.addAttribute("silentDays", silent.days());
		// The draft does not open: the form is empty and says so, and keeps it until the coach saves or sends.
		model.addAttribute("unreadableDraft", mine.draftUnreadable());
		model.addAttribute("notes", mine.notes());
		model.addAttribute("savedReplies", mine.savedReplies());
		List<GivenAssignments.Given> givenHere = given.of(trajectory.id());
		model.addAttribute("given", givenHere);
		// The letters its coach may choose as the answer of each open assignment (decision 0098).
		model.addAttribute("answerChoices", AssignmentAnswers.choices(givenHere, conversation));
		model.addAttribute("highlights", highlightsOf.toRead(trajectory.id()));
		model.addAttribute("highlightAction", "/coach/trajectories/" + trajectory.id() + "/highlights");
		model.addAttribute("closing", closing); // a draft too, said to be one (decision 0086)
		model.addAttribute("closingOpen", ClosingDesk.open(trajectory));
		Trajectories.InOwnWords inOwnWords = trajectories.inOwnWordsWithFiles(trajectory.id());
		model.addAttribute("question", inOwnWords.question());
		model.addAttribute("goals", inOwnWords.goals());
		model.addAttribute("ownWords", inOwnWords); // which of the two does not open, a marked line (decision 0057)
		// The files their application by mail came with (a CV): with the question they were sent with.
		model.addAttribute("applicationFiles", inOwnWords.withFiles() ? intakes.filesOfTrajectory(trajectory.id()) : List.of());
		return "conversation/coach-trajectory";
	}

	/**
	 * An assignment this coach may give in this trajectory's letter: shared or their own, and not
	 * archived, unless it is the one kept with the coach's draft: archiving takes an assignment out of
	 * the choice, not out of a letter it was chosen for already, which would go out with its
	 * instructions without it being given (no answer linked, no cards to lay).
	 */
	private Optional<Assignment> usable(SignedInAccount me, UUID assignmentId, UUID trajectoryId) {
		return library.byId(assignmentId)
			.filter(a -> a.shared() || me.id().equals(a.ownerId()))
			.filter(a -> !a.archived() || desk.of(trajectoryId, me.id()).draftAssignment().filter(assignmentId::equals).isPresent());
	}

	/** The coach's own trajectory, or 404: another coach's id must not even confirm it exists. */
	private TrajectoryOverview own(UUID id, SignedInAccount me) {
		return mine(id, me).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** This coach's trajectory, not an erased one: a page kept open (or bookmarked) would put words back into it. */
	private Optional<TrajectoryOverview> mine(UUID id, SignedInAccount me) {
		return trajectories.withContent(id).filter(trajectory -> trajectory.coachedBy(me.id()));
	}
}
