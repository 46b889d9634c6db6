package nl.briefwissel.conversation.web;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.audit.AuditedTrajectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.trajectory.Trajectories;
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
 * The quarantine: coaches handle mail about their own trajectories, administrators everything.
 * The mail is shown as text only; its HTML is never rendered.
 */
@Controller
class QuarantineController {

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

	@GetMapping("/coach/quarantine")
	String coachList(@AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("entries", quarantine.ofCoach(me.id()));
		model.addAttribute("base", "/coach/quarantine");
		model.addAttribute("subjectHidden", false);
		return "conversation/quarantine-list";
	}

	@GetMapping("/admin/quarantine")
	String adminList(Model model) {
		model.addAttribute("entries", quarantine.all());
		model.addAttribute("failed", inbound.failed());
		model.addAttribute("base", "/admin/quarantine");
		// Someone else's mail, read only for a reason on the detail page: its subject often says what it is about.
		model.addAttribute("subjectHidden", true);
		return "conversation/quarantine-list";
	}

	@Audited(AuditAction.READ)
	@GetMapping("/coach/quarantine/{id}")
	String coachMail(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, HttpServletRequest request,
			Model model) {
		Quarantine.Entry entry = coachEntry(id, me);
		return mail(entry, "/coach/quarantine", List.of(), request, model);
	}

	@Audited(value = AuditAction.READ, reasonRequired = true)
	@GetMapping("/admin/quarantine/{id}")
	String adminMail(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
			Model model) {
		Quarantine.Entry entry = quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (reason.isBlank()) {
			// An administrator reads someone else's mail only for a reason that goes on the audit trail.
			model.addAttribute("id", id);
			return "conversation/quarantine-reason";
		}
		return mail(entry, "/admin/quarantine", trajectories.all(), request, model);
	}

	/**
	 * Adds the mail to the conversation; with {@code acceptAddress}, the address it came from is accepted for
	 * the trajectory as well (decision 0089), to take effect once the participant confirms it (decision 0091). An address that may not be accepted is refused before anything
	 * is added, with why, on the mail's page again (a read on the trail, as that page is): the coach adds the
	 * mail without it, and nothing is lost.
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
				// not, said as every refusal of someone else's address is, naming no one.
				redirect.addFlashAttribute("addressNotAccepted", address.get());
			}
		}
		return done(attached, "attached", redirect, "/coach/quarantine");
	}

	@PostMapping("/admin/quarantine/{id}/attach")
	String adminAttach(@PathVariable UUID id, @RequestParam UUID trajectoryId, @AuthenticationPrincipal SignedInAccount me,
			RedirectAttributes redirect) {
		if (quarantine.handled(id).isPresent()) {
			return already(redirect, "/admin/quarantine");
		}
		attachable(quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		trajectories.withContent(trajectoryId).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		return done(quarantine.attach(id, trajectoryId, me.id()).isPresent(), "attached", redirect, "/admin/quarantine");
	}

	/**
	 * A second click (or a colleague first) is told where the mail is, as attach and discard answer
	 * one; 404 only for a mail that is unknown.
	 */
	@PostMapping("/admin/quarantine/failed/{id}/retry")
	String retry(@PathVariable UUID id, RedirectAttributes redirect) {
		String resolved = switch (inbound.retry(id)) {
			case QUEUED -> "retried";
			case WAITING -> "retrying";
			case PROCESSED -> "already";
			case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		};
		redirect.addFlashAttribute("resolved", resolved);
		return "redirect:/admin/quarantine";
	}

	@PostMapping("/coach/quarantine/{id}/discard")
	String coachDiscard(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		if (openForCoach(id, me).isEmpty()) {
			return alreadyOrNotFound(id, me, redirect);
		}
		return done(quarantine.discard(id, me.id()), "discarded", redirect, "/coach/quarantine");
	}

	@PostMapping("/admin/quarantine/{id}/discard")
	String adminDiscard(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		if (quarantine.handled(id).isPresent()) {
			return already(redirect, "/admin/quarantine");
		}
		quarantine.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return done(quarantine.discard(id, me.id()), "discarded", redirect, "/admin/quarantine");
	}

	/** A second click (or a colleague first) finds the entry closed: it says so instead of failing. */
	private static String done(boolean byThisRequest, String what, RedirectAttributes redirect, String list) {
		redirect.addFlashAttribute("resolved", byThisRequest ? what : "already");
		return "redirect:" + list;
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
		// Only the coach's page offers to accept the address (decision 0089): the administrator's adds to any trajectory.
		model.addAttribute("otherAddress", choices.isEmpty() ? quarantine.otherAddress(entry).orElse(null) : null);
		model.addAttribute("confirmationDays", accepted.validityInDays());
		model.addAttribute("mail", quarantine.mail(entry.inboundMailId()).orElse(null));
		model.addAttribute("base", base);
		model.addAttribute("choices", choices);
		model.addAttribute("today", java.time.LocalDate.now(clock)); // a trajectory accepted to start later says so
		// By programme, those under way first: among the platform's trajectories two people may share a name.
		// (By the programme itself: two organisations may each have a "Loopbaancoaching".)
		java.text.Collator alphabetical = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("nl"));
		model.addAttribute("choiceGroups", choices.stream()
			.sorted(java.util.Comparator.comparing(TrajectoryOverview::programmeName, alphabetical)
				.thenComparing(TrajectoryOverview::programmeId)
				.thenComparing((TrajectoryOverview t) -> !t.underway()))
			.collect(java.util.stream.Collectors.groupingBy(TrajectoryOverview::programmeId, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.toList()))
			.values());
		return "conversation/quarantine-mail";
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
