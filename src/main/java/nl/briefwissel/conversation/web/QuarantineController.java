package nl.briefwissel.conversation.web;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.audit.AuditedTrajectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.trajectory.Trajectories;
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
 * The quarantine: coaches handle mail about their own trajectories, administrators everything.
 * The mail is shown as text only; its HTML is never rendered.
 */
@Controller
class QuarantineController {

	/** The most entries a list shows at once, the coach's and the administrator's. */
	static final int LISTED = 200;

	private final Quarantine quarantine;

	private final Trajectories trajectories;

	private final InboundMails inbound;

	private final AcceptedAddresses accepted;

	private final AuditTrail trail;

	private final java.time.Clock clock;

	QuarantineController(Quarantine quarantine, Trajectories trajectories, InboundMails inbound, AcceptedAddresses accepted,
			AuditTrail trail, java.time.Clock clock) {
		this.clock = clock;
		this.accepted = accepted;
		this.trail = trail;
		this.quarantine = quarantine;
		this.trajectories = trajectories;
		this.inbound = inbound;
	}

	/** Paged as the administrator's list is, and for the same reason ({@link #adminList}): {@value #LISTED} a page, newest first. */
	@GetMapping("/coach/quarantine")
	String coachList(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String page, Model model) {
		Pages at = Pages.of(quarantine.countOfCoach(me.id()), PageNumber.of(page), LISTED);
		listed(at, quarantine.ofCoach(me.id(), at.offset(), at.limit()), model);
		model.addAttribute("base", "/coach/quarantine");
		model.addAttribute("subjectHidden", false);
		model.addAttribute("administrator", false);
		return "conversation/quarantine-list";
	}

	/**
	 * {@value #LISTED} open entries a page, newest first, as the other lists of the platform are bounded: each entry
	 * opens its mail for the sender, and a mail server that sent thousands made a page of thousands. The pages reach
	 * the oldest too, which the retention job discards first: a flood of new mail must not hide them until then.
	 */
	@GetMapping("/admin/quarantine")
	String adminList(@RequestParam(required = false) String page, Model model) {
		Pages at = Pages.of(quarantine.openCount(), PageNumber.of(page), LISTED);
		listed(at, quarantine.newest(at.offset(), at.limit()), model);
		model.addAttribute("failed", inbound.failed());
		model.addAttribute("base", "/admin/quarantine");
		// Someone else's mail, read only for a reason on the detail page: its subject often says what it is about.
		model.addAttribute("subjectHidden", true);
		// No conversation on this page: the reasons that point at "this conversation" say which one (quarantine.reason.admin.*).
		model.addAttribute("administrator", true);
		return "conversation/quarantine-list";
	}

	/** One page of a list, with where it stands: the pager and the count above the table (quarantine.listed.pages). */
	private void listed(Pages at, List<Quarantine.Entry> entries, Model model) {
		model.addAttribute("entries", entries);
		model.addAttribute("page", at.page());
		model.addAttribute("pages", at.pages());
		model.addAttribute("total", at.total());
		model.addAttribute("afterTheEnd", heldAfterTheEnd(entries));
	}

	@Audited(AuditAction.READ)
	@GetMapping("/coach/quarantine/{id}")
	String coachMail(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, HttpServletRequest request,
			Model model) {
		Quarantine.Entry entry = coachEntry(id, me);
		return mail(entry, "/coach/quarantine", List.of(), request, model);
	}

	/**
	 * The question why, before an administrator reads someone else's mail. Nothing of the mail is shown here, and a
	 * reason in the address opens nothing: it would stay in the browser's history and the access logs.
	 */
	@GetMapping("/admin/quarantine/{id}")
	String adminReason(@PathVariable UUID id, Model model) {
		quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("id", id);
		model.addAttribute("reasonAtMost", Audited.REASON_AT_MOST);
		return "conversation/quarantine-reason";
	}

	/**
	 * The mail, for the reason given in the form's body: an administrator reads someone else's mail only for a
	 * reason that goes on the audit trail (decision 0106). Without one the question is asked again, said at the
	 * field and answered 422, and nothing is shown or recorded.
	 */
	@Audited(value = AuditAction.READ, reasonRequired = true)
	@PostMapping("/admin/quarantine/{id}")
	String adminMail(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Quarantine.Entry entry = quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (reason.isBlank() || reason.length() > Audited.REASON_AT_MOST) { // the trail keeps it as sent, so as sent
			// Too long, it went on the trail cut off unseen: refused at the field, the words given back to shorten.
			RefusedForm.shownAgain();
			model.addAttribute("id", id);
			model.addAttribute("reasonMissing", true);
			model.addAttribute("reasonError", reason.isBlank() ? "quarantine.open.reasonRequired" : "quarantine.open.reasonTooLong");
			model.addAttribute("typedReason", reason);
			model.addAttribute("reasonAtMost", Audited.REASON_AT_MOST);
			return "conversation/quarantine-reason";
		}
		List<TrajectoryOverview> choices = choices(entry, List.of());
		model.addAttribute("preselected", sendersOwn(entry, entry.from(), choices).orElse(null));
		return mail(entry, "/admin/quarantine", choices, request, model);
	}

	/**
	 * Adds the mail to the conversation; with {@code acceptAddress}, the address it came from is accepted for
	 * the trajectory as well (decision 0089), to take effect once the participant confirms it (decision 0091). An address that may not be accepted is refused before anything
	 * is added, with why, at its box on the mail's page again (a read on the trail, as that page is): the coach adds the
	 * mail without it, and nothing is lost. So is one the participant declined that may not be asked about again yet
	 * (decision 0110).
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/coach/quarantine/{id}/attach")
	String coachAttach(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean acceptAddress,
			@AuthenticationPrincipal SignedInAccount me, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Optional<Quarantine.Entry> open = openForCoach(id, me);
		if (open.isEmpty()) {
			return alreadyOrNotFound(id, me, redirect);
		}
		Quarantine.Entry entry = attachable(open.get());
		Optional<String> address = acceptAddress ? quarantine.otherAddress(entry) : Optional.empty();
		if (acceptAddress) {
			Optional<AcceptedAddresses.Refusal> refused = address.isEmpty() ? Optional.of(AcceptedAddresses.Refusal.NOT_PLAIN)
					: accepted.refusal(entry.trajectoryId(), address.get());
			if (refused.isPresent()) {
				model.addAttribute("refusedAddress", refused.get().name());
				RefusedForm.shownAgain();
				return mail(entry, "/coach/quarantine", List.of(), request, model);
			}
			// The participant said no to this address, and may not be asked again yet: the tick cannot ask, and
			// adding the mail as though it could would put mail from an address they said is not theirs (or not for
			// this conversation) in it on the coach's word. Said at the box; the coach adds it without, knowingly.
			Optional<AcceptedAddresses.Accepted> declined = accepted.declinedLately(entry.trajectoryId(), address.get());
			if (declined.isPresent()) {
				model.addAttribute("refusedAddress", AcceptedAddresses.State.DECLINED.name());
				model.addAttribute("refusedOn", declined.get().answeredAt());
				model.addAttribute("askAgainFrom", declined.get().askAgainFrom());
				RefusedForm.shownAgain();
				return mail(entry, "/coach/quarantine", List.of(), request, model);
			}
		}
		boolean attached = quarantine.attach(id, entry.trajectoryId(), me.id()).isPresent();
		if (attached && address.isPresent()) {
			Optional<AcceptedAddresses.Refusal> refused = accepted.accept(entry.trajectoryId(), address.get(), me.id());
			if (refused.isEmpty()) {
				AcceptedAddressesController.audit(trail, me, request, entry.trajectoryId(), "address accepted");
				// Accepted before, the address may be confirmed, or declined or run out and asked within the day:
				// the list says how it stands rather than that a question went.
				String state = accepted.of(entry.trajectoryId()).stream()
					.filter(a -> a.address().equalsIgnoreCase(address.get().strip()))
					.map(a -> a.state().name())
					.findFirst()
					.orElse(AcceptedAddresses.State.PENDING.name());
				redirect.addFlashAttribute("acceptedAddress", address.get());
				redirect.addFlashAttribute("acceptedAddressState", state);
			}
			else {
				// Claimed for another trajectory in the same moment (decision 0091): the mail is in, the address is
				// not, said as every refusal of someone else's address is, naming no one. What was asked, adding the mail,
				// is done: the list after the redirect answers 200 with the warning, as a letter sent with files not kept
				// does (decision 0139, amended), never "Fout: " over its confirmation.
				redirect.addFlashAttribute("addressNotAccepted", address.get());
			}
		}
		// Came after the end: the confirmation says how it is in the conversation now, as the page said before (decision 0122).
		return done(attached, heldAfterTheEnd(entry) ? "attachedAfterTheEnd" : "attached", redirect, "/coach/quarantine");
	}

	/**
	 * Adds the mail to the chosen trajectory as its participant's letter. No choice, or one that may take none, is
	 * said at the field on a page of its own (422), without the mail: that was read for a reason, and is not shown
	 * again without one. A mail whose sender is not the chosen trajectory's participant (their own address, or one
	 * confirmed for it) is added only once the administrator confirms it, on a page that names both (decision 0106).
	 * Neither page changes anything; the trail has the attempt as refused.
	 */
	@PostMapping("/admin/quarantine/{id}/attach")
	String adminAttach(@PathVariable UUID id, @RequestParam(defaultValue = "") String trajectoryId,
			@RequestParam(defaultValue = "false") boolean confirmed, @AuthenticationPrincipal SignedInAccount me,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		if (quarantine.handled(id).isPresent()) {
			return already(redirect, "/admin/quarantine");
		}
		Quarantine.Entry entry = attachable(
				quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		String sender = entry.from();
		Optional<TrajectoryOverview> chosen = idOf(trajectoryId).flatMap(trajectories::withContent);
		String problem = trajectoryId.isBlank() ? "required"
				: chosen.isEmpty() ? "unknown" : !mayTakeMail(chosen.get()) ? "noCoach" : null;
		if (problem == null && (confirmed || accepted.fromParticipant(chosen.get(), sender == null ? "" : sender))) {
			boolean afterTheEnd = trajectories.endedAt(chosen.get().id())
				.map(end -> Trajectories.cameAfterTheEnd(entry.quarantinedAt(), end))
				.orElse(false);
			return done(quarantine.attach(id, chosen.get().id(), me.id()).isPresent(),
					afterTheEnd ? "attachedAfterTheEnd" : "attached", redirect, "/admin/quarantine");
		}
		AuditedChange.refused();
		List<TrajectoryOverview> choices = choices(entry, List.of());
		model.addAttribute("entry", entry);
		model.addAttribute("sender", sender);
		choose(choices, model);
		if (problem != null) {
			RefusedForm.shownAgain();
			model.addAttribute("choiceProblem", problem);
			model.addAttribute("preselected", sendersOwn(entry, sender, choices).orElse(null));
		}
		else {
			model.addAttribute("trajectory", chosen.get());
		}
		return "conversation/quarantine-attach";
	}

	/**
	 * Another trajectory for the mail than the sender's own, found by its participant's name (or part of it), address or
	 * its number (the id in the address of the e-coach's page of it): the choice lists the sender's and those found, at
	 * most {@link #CHOICES}, never the platform's all. On the page of the choice, without the mail: that was read for a reason, and is not shown again without one.
	 * A search that is neither is said at the field and in the summary (422); one that finds nothing that may take mail
	 * says so.
	 */
	@GetMapping("/admin/quarantine/{id}/attach")
	String adminSearch(@PathVariable UUID id, @RequestParam(required = false) String search, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		if (quarantine.handled(id).isPresent()) {
			return already(redirect, "/admin/quarantine");
		}
		Quarantine.Entry entry = attachable(
				quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		String typed = search == null ? null : search.strip();
		List<UUID> found = List.of();
		if (typed != null) {
			Optional<UUID> number = anAddress(typed) ? Optional.empty() : numberIn(typed);
			if (number.isPresent()) {
				found = number.flatMap(trajectories::withContent).map(TrajectoryOverview::id).stream().toList();
			}
			else if (anAddress(typed)) {
				found = accepted.ofAddress(typed, CHOICES);
			}
			else if (typed.length() > 200) {
				RefusedForm.shownAgain();
				model.addAttribute("searchProblem", "tooLong");
			}
			else if (typed.codePoints().filter(Character::isLetter).count() >= MIN_NAME) {
				// The participant's name, or part of it: what an administrator knows of someone. Letters are
				// counted, as the field's sentence says: a. or -- would match nearly every name.
				found = accepted.ofParticipantName(typed, CHOICES);
			}
			else {
				RefusedForm.shownAgain();
				model.addAttribute("searchProblem", typed.isEmpty() ? "required" : "invalid");
			}
		}
		List<TrajectoryOverview> choices = choices(entry, found);
		List<UUID> offered = choices.stream().map(TrajectoryOverview::id).filter(found::contains).toList();
		model.addAttribute("entry", entry);
		model.addAttribute("sender", entry.from());
		model.addAttribute("search", typed);
		if (typed != null && !model.containsAttribute("searchProblem")) {
			// Found, but only ones that take no mail (an application's, no coach yet) are as good as none here.
			model.addAttribute("searchFound", offered.size());
		}
		choose(choices, model);
		model.addAttribute("preselected", offered.size() == 1 ? offered.get(0) : sendersOwn(entry, entry.from(), choices).orElse(null));
		return "conversation/quarantine-attach";
	}

	/** The fewest characters of a name searched for: one letter finds half the platform. */
	private static final int MIN_NAME = 2;

	private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * The trajectory number as the search takes it: alone, or in what an administrator can get it from, pasted whole
	 * (the address of the e-coach's page of it, which they cannot open themselves, or an audit trail line's id=).
	 * Exactly one number in it, or none is taken: which of two was meant is anyone's guess.
	 */
	private static Optional<UUID> numberIn(String typed) {
		java.util.Set<UUID> numbers = NUMBER.matcher(typed).results()
			.map(match -> UUID.fromString(match.group()))
			.collect(java.util.stream.Collectors.toSet());
		return numbers.size() == 1 ? numbers.stream().findFirst() : Optional.empty();
	}

	/** An address as the search takes one: a participant's own or one confirmed for a trajectory, typed whole. */
	private static boolean anAddress(String typed) {
		return typed.length() <= 320 && typed.matches("[^\\s@]+@[^\\s@]+");
	}

	/**
	 * A second click (or a colleague first) is told where the mail is, as attach and discard answer
	 * one; 404 only for a mail that is unknown. Found in the queue or processed, it was put back by an
	 * earlier click: on the trail as already done, not as a second retry.
	 */
	@PostMapping("/admin/quarantine/failed/{id}/retry")
	String retry(@PathVariable UUID id, RedirectAttributes redirect) {
		InboundMails.Retry outcome = inbound.retry(id);
		if (outcome == InboundMails.Retry.WAITING || outcome == InboundMails.Retry.PROCESSED) {
			AuditedChange.already();
		}
		String resolved = switch (outcome) {
			case QUEUED -> "retried";
			case WAITING -> "retrying";
			case PROCESSED -> "already";
			case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		};
		redirect.addFlashAttribute("resolved", resolved);
		return "redirect:/admin/quarantine#resolved";
	}

	/**
	 * Throwing a mail away cannot be undone, and the participant may have been told it waits for their coach: asked
	 * first, on a page that names the mail (decision 0115). An entry closed since says so on the list, as a second
	 * click does.
	 */
	@GetMapping("/coach/quarantine/{id}/discard")
	String coachDiscardQuestion(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model,
			RedirectAttributes redirect) {
		Optional<Quarantine.Entry> open = openForCoach(id, me);
		if (open.isEmpty()) {
			return alreadyOrNotFound(id, me, redirect);
		}
		return discardQuestion(open.get(), "/coach/quarantine", model);
	}

	/** As the coach's, without the subject: an administrator reads that only for a reason (decision 0106). */
	@GetMapping("/admin/quarantine/{id}/discard")
	String adminDiscardQuestion(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
		if (quarantine.handled(id).isPresent()) {
			return already(redirect, "/admin/quarantine");
		}
		return discardQuestion(quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)),
				"/admin/quarantine", model);
	}

	/**
	 * Discards only when the question was answered ({@code confirmed}): a form of the mail's page from before the
	 * question (decision 0115), still open in a tab, is asked it instead.
	 */
	@PostMapping("/coach/quarantine/{id}/discard")
	String coachDiscard(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		if (openForCoach(id, me).isEmpty()) {
			return alreadyOrNotFound(id, me, redirect);
		}
		if (!confirmed) {
			return "redirect:/coach/quarantine/" + id + "/discard";
		}
		return done(quarantine.discard(id, me.id()), "discarded", redirect, "/coach/quarantine");
	}

	@PostMapping("/admin/quarantine/{id}/discard")
	String adminDiscard(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		if (quarantine.handled(id).isPresent()) {
			return already(redirect, "/admin/quarantine");
		}
		quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!confirmed) {
			AuditedChange.refused(); // sent to the question: nothing discarded, nothing on the trail
			return "redirect:/admin/quarantine/" + id + "/discard";
		}
		return done(quarantine.discard(id, me.id()), "discarded", redirect, "/admin/quarantine");
	}

	private String discardQuestion(Quarantine.Entry entry, String base, Model model) {
		model.addAttribute("entry", entry);
		model.addAttribute("heldAfterTheEnd", heldAfterTheEnd(entry));
		model.addAttribute("base", base);
		model.addAttribute("administrator", "/admin/quarantine".equals(base));
		return "conversation/quarantine-discard";
	}

	/**
	 * Whether the mail came after its trajectory was completed or stopped, so that its participant was told it in the
	 * notice's after-the-end text (decision 0122), which the question then quotes; a mail held before the end was told
	 * as waiting for the coach, and the question says that. The end as the record judges its letters by
	 * ({@link Trajectories#endedAt}): its moment only, no coach's words opened for it on either page.
	 */
	private boolean heldAfterTheEnd(Quarantine.Entry entry) {
		return entry.trajectoryId() != null && trajectories.endedAt(entry.trajectoryId())
			.map(end -> Trajectories.cameAfterTheEnd(entry.quarantinedAt(), end))
			.orElse(false);
	}

	/**
	 * The entries of a list that came after their trajectory ended ({@link #heldAfterTheEnd}), by mail: the list says
	 * so at each, as the record heads such a letter once it is added (decision 0122). The ends of all the listed
	 * trajectories in one query: asked per trajectory, the administrator's list made one round trip per trajectory.
	 */
	private java.util.Set<UUID> heldAfterTheEnd(List<Quarantine.Entry> entries) {
		java.util.Map<UUID, java.time.OffsetDateTime> ends = trajectories.endedAt(entries.stream()
			.map(Quarantine.Entry::trajectoryId)
			.filter(java.util.Objects::nonNull)
			.collect(java.util.stream.Collectors.toSet()));
		return entries.stream()
			.filter(entry -> entry.trajectoryId() != null && ends.containsKey(entry.trajectoryId())
					&& Trajectories.cameAfterTheEnd(entry.quarantinedAt(), ends.get(entry.trajectoryId())))
			.map(Quarantine.Entry::inboundMailId)
			.collect(java.util.stream.Collectors.toSet());
	}

	/**
	 * A second click (or a colleague first) finds the entry closed: it says so instead of failing. The list opens at
	 * what became of it (#resolved), as the other pages open at their message after a change.
	 */
	private static String done(boolean byThisRequest, String what, RedirectAttributes redirect, String list) {
		if (!byThisRequest) {
			AuditedChange.already(); // dealt with before: this request changed nothing, and was refused nothing either
		}
		redirect.addFlashAttribute("resolved", byThisRequest ? what : "already");
		return "redirect:" + list + "#resolved";
	}

	private static String already(RedirectAttributes redirect, String list) {
		return done(false, null, redirect, list);
	}

	/** An entry of one of this coach's trajectories that was dealt with already. */
	private boolean handledForCoach(UUID id, SignedInAccount me) {
		return quarantine.handled(id)
			.filter(handled -> handled.trajectoryId() != null && trajectories.byId(handled.trajectoryId())
				.map(trajectory -> trajectory.coachedBy(me.id()))
				.orElse(false))
			.isPresent();
	}

	private String mail(Quarantine.Entry entry, String base, List<TrajectoryOverview> choices, HttpServletRequest request,
			Model model) {
		if (entry.trajectoryId() != null) {
			// Mail held for a trajectory is most often its participant's letter: its coach, and anyone
			// looking into that trajectory, must find this read on its trail.
			AuditedTrajectory.shown(request, entry.trajectoryId());
		}
		model.addAttribute("entry", entry);
		// Came after the end: adding it is still the coach's to do (the letter is the participant's, decision 0122), and
		// the page says what it does then: the record and the participant's export mark it as after the end.
		model.addAttribute("heldAfterTheEnd", heldAfterTheEnd(entry));
		boolean administrator = "/admin/quarantine".equals(base);
		model.addAttribute("administrator", administrator);
		// Only the coach's page offers to accept the address (decision 0089): the administrator's adds to any trajectory.
		model.addAttribute("otherAddress", administrator ? null : quarantine.otherAddress(entry).orElse(null));
		model.addAttribute("confirmationDays", accepted.validityInDays());
		model.addAttribute("mail", quarantine.mail(entry.inboundMailId()).orElse(null));
		model.addAttribute("base", base);
		choose(choices, model);
		return "conversation/quarantine-mail";
	}

	/** The most trajectories the administrator's choice lists of one search, and of the sender's own. */
	static final int CHOICES = 20;

	/**
	 * What the administrator's select lists: those {@code found} by a search, the one the mail was held for, and the
	 * sender's own (their address, or one confirmed for the trajectory); never every trajectory of the platform, a
	 * select of twenty thousand (another is found by {@link #adminSearch}). Of these only those whose conversation a
	 * coach reads, from their start on (decision 0106): an application's, or one only proposed to a coach, has no
	 * coach reading it yet, and a letter put there waited unseen, for a coach who might never take it.
	 */
	private List<TrajectoryOverview> choices(Quarantine.Entry entry, List<UUID> found) {
		java.util.Set<UUID> ids = new java.util.LinkedHashSet<>(found);
		if (entry.trajectoryId() != null) {
			ids.add(entry.trajectoryId());
		}
		ids.addAll(accepted.ofAddress(entry.from(), CHOICES));
		return ids.stream()
			.map(trajectories::withContent)
			.flatMap(Optional::stream)
			.filter(QuarantineController::mayTakeMail)
			.toList();
	}

	private static boolean mayTakeMail(TrajectoryOverview trajectory) {
		return trajectory.coachId() != null && trajectory.status() != TrajectoryStatus.INTAKE
				&& trajectory.status() != TrajectoryStatus.MATCHING;
	}

	/** The choices by programme, those under way first: among the platform's trajectories two people may share a name. */
	private void choose(List<TrajectoryOverview> choices, Model model) {
		model.addAttribute("choices", choices);
		model.addAttribute("today", java.time.LocalDate.now(clock)); // a trajectory accepted to start later says so
		// By the programme itself: two organisations may each have a "Loopbaancoaching".
		java.text.Collator alphabetical = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("nl"));
		model.addAttribute("choiceGroups", choices.stream()
			.sorted(java.util.Comparator.comparing(TrajectoryOverview::programmeName, alphabetical)
				.thenComparing(TrajectoryOverview::programmeId)
				.thenComparing((TrajectoryOverview t) -> !t.underway()))
			.collect(java.util.stream.Collectors.groupingBy(TrajectoryOverview::programmeId, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.toList()))
			.values());
	}

	/**
	 * The trajectory the select starts on, if the sender's own is known: the one the mail was held for when the
	 * sender is its participant, else their one running or paused trajectory. Otherwise none, and the administrator
	 * chooses: the first of the list was someone else's conversation (decision 0106).
	 */
	private Optional<UUID> sendersOwn(Quarantine.Entry entry, String sender, List<TrajectoryOverview> choices) {
		if (sender == null || sender.isBlank()) {
			return Optional.empty();
		}
		Optional<UUID> held = choices.stream()
			.filter(t -> t.id().equals(entry.trajectoryId()) && accepted.fromParticipant(t, sender))
			.map(TrajectoryOverview::id)
			.findFirst();
		if (held.isPresent()) {
			return held;
		}
		List<UUID> underway = accepted.underwayOf(sender);
		return underway.size() == 1 && choices.stream().anyMatch(t -> t.id().equals(underway.get(0)))
				? Optional.of(underway.get(0)) : Optional.empty();
	}

	private static Optional<UUID> idOf(String value) {
		try {
			return value.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(value.strip()));
		}
		catch (IllegalArgumentException notAnId) {
			return Optional.empty();
		}
	}

	/** An entry about one of this coach's trajectories, or 404. */
	private Quarantine.Entry coachEntry(UUID id, SignedInAccount me) {
		return openForCoach(id, me).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private Optional<Quarantine.Entry> openForCoach(UUID id, SignedInAccount me) {
		return quarantine.entry(id)
			.filter(entry -> entry.trajectoryId() != null && trajectories.byId(entry.trajectoryId())
				.map(trajectory -> trajectory.coachedBy(me.id()))
				.orElse(false));
	}

	/**
	 * An entry no longer open: dealt with by another click (asked after the entry was looked for, so
	 * a click that closed it in between is seen), or never this coach's.
	 */
	private String alreadyOrNotFound(UUID id, SignedInAccount me, RedirectAttributes redirect) {
		if (handledForCoach(id, me)) {
			return already(redirect, "/coach/quarantine");
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	/** A mail that is not a participant's letter (a former coach's) is never added as one; the page offers no button for it. */
	private static Quarantine.Entry attachable(Quarantine.Entry entry) {
		if (!entry.why().attachable()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "this mail cannot be added as the participant's letter");
		}
		return entry;
	}
}
