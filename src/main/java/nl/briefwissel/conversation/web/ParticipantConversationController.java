package nl.briefwissel.conversation.web;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.WhereNext;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The participant re-reads the whole conversation and may write from the web instead of by mail. */
@Controller
class ParticipantConversationController {

	private final Conversations conversations;

	private final Trajectories trajectories;

	private final AttachmentDownloads downloads;

	/** A letter, not a file share: a handful of photos or documents at a time. */
	static final int MAX_FILES = 5;

	private final Highlights highlights;

	private final GivenAssignments given;

	private final AcceptedAddresses accepted;

	private final WhereNext whereNext;

	ParticipantConversationController(Conversations conversations, Trajectories trajectories,
			AttachmentDownloads downloads, Highlights highlights, GivenAssignments given, AcceptedAddresses accepted,
			WhereNext whereNext) {
		this.whereNext = whereNext;
		this.accepted = accepted;
		this.given = given;
		this.conversations = conversations;
		this.trajectories = trajectories;
		this.downloads = downloads;
		this.highlights = highlights;
	}

	/** One connection for the page's reads, as on the coach's trajectory page (ConversationController). */
	@Transactional(readOnly = true)
	@Audited(AuditAction.READ)
	@GetMapping("/participant/conversation")
	String conversation(@AuthenticationPrincipal SignedInAccount me, @RequestParam(name = "trajectory", required = false) UUID chosen,
			Model model, jakarta.servlet.http.HttpServletRequest request) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ConversationController.MessageForm(""));
		}
		List<TrajectoryOverview> started = started(me);
		String view = page(started, chosen(started, chosen), model);
		// On the trajectory's own trail, where its coach and an investigation look, as the coach's reads are.
		if (model.getAttribute("trajectory") instanceof TrajectoryOverview shown) {
			nl.briefwissel.audit.AuditedTrajectory.shown(request, shown.id());
		}
		return view;
	}

	/**
	 * A letter that comes back (a mistake, too many files, the trajectory ended) comes with the whole
	 * conversation: a view of its content, on the trail as the page is; a letter that went is not.
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/participant/conversation")
	String write(@AuthenticationPrincipal SignedInAccount me,
			@Valid @ModelAttribute("form") ConversationController.MessageForm form, BindingResult errors,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(required = false) UUID submission, @RequestParam(name = "trajectory", required = false) UUID writtenTo,
			Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
		// The conversation the form was on: a participant in two programmes has two.
		List<TrajectoryOverview> started = started(me);
		TrajectoryOverview trajectory = chosen(started, writtenTo)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<MultipartFile> chosen = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
		// A photo for a photo assignment may go without words, as it may by mail.
		org.springframework.validation.FieldError textError = errors.getFieldError("text");
		boolean photoOnly = !chosen.isEmpty() && errors.getErrorCount() == 1 && textError != null
				&& "NotBlank".equals(textError.getCode());
		if (chosen.size() > MAX_FILES) {
			model.addAttribute("filesProblem", "conversation.files.tooMany");
			RefusedForm.shownAgain();
			if (photoOnly) {
				// Photos without words are fine: only their number is wrong, not "write your message first".
				model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form",
						new org.springframework.validation.BeanPropertyBindingResult(form, "form"));
			}
			nl.briefwissel.audit.AuditedTrajectory.shown(request, trajectory.id());
			return page(started, Optional.of(trajectory), model);
		}
		if (errors.hasErrors() && !photoOnly) {
			if (!chosen.isEmpty()) {
				// A browser never fills a file field in again: say so, or the photo would silently be missing.
				model.addAttribute("filesProblem", "conversation.files.chooseAgain");
			}
			nl.briefwissel.audit.AuditedTrajectory.shown(request, trajectory.id());
			return page(started, Optional.of(trajectory), model);
		}
		if (!trajectory.underway()) {
			// Ended, also since the page was opened: nobody it was meant for would read it. The page says so
			// and shows the text to copy. The state refused it, not the letter: 409 (decision 0139, amended).
			RefusedForm.stateInTheWay();
			model.addAttribute("notSent", true);
			nl.briefwissel.audit.AuditedTrajectory.shown(request, trajectory.id());
			return page(started, Optional.of(trajectory), model);
		}
		List<MailAttachment> attachments = new java.util.ArrayList<>();
		for (MultipartFile file : chosen) {
			try (var in = file.getInputStream()) {
				// The same rules as for files that come by mail: a safe name, no programs, 15 MB at most.
				attachments.add(MailAttachment.received(file.getOriginalFilename(),
						file.getContentType() == null ? "application/octet-stream" : file.getContentType(), in));
			}
		}
		// No words and no file kept (only a program, or one too big): a letter of nothing but "not kept" went
		// to the coach, and became the answer of an open assignment. Refused at the form, each file said why.
		if ((form.text() == null || form.text().isBlank()) && attachments.stream().noneMatch(MailAttachment::accepted)) {
			model.addAttribute("filesProblem", "conversation.files.noneKept");
			model.addAttribute("filesRefused", refusals(attachments));
			RefusedForm.shownAgain();
			nl.briefwissel.audit.AuditedTrajectory.shown(request, trajectory.id());
			return page(started, Optional.of(trajectory), model);
		}
		// A second click finds the letter of the first: it is not written twice. One that meets the end
		// of the trajectory on its locked row (the coach completed it a moment ago) comes back to copy.
		if (conversations.participantWritesOnce(trajectory.id(), me.id(), form.text() == null ? "" : form.text(), attachments,
				submission) instanceof Conversations.FormLetter.Refused) {
			// Read above while it ran, ended since (the coach completed it while the files came in): the page
			// is made from it as it is now, without the form, or it said the letter was written in an earlier
			// trajectory. One erased meanwhile is no longer among them; it is shown ended, as it is.
			List<TrajectoryOverview> now = started(me);
			TrajectoryOverview ended = now.stream().filter(t -> t.id().equals(trajectory.id())).findFirst().orElse(trajectory);
			RefusedForm.stateInTheWay();
			model.addAttribute("notSent", true);
			nl.briefwissel.audit.AuditedTrajectory.shown(request, trajectory.id());
			String view = page(now, Optional.of(ended), model);
			model.addAttribute("open", false);
			model.addAttribute("openCards", List.of());
			return view;
		}
		redirect.addFlashAttribute("sent", true);
		// A file not kept (too big, a program) is said where "sent" is, not only in the letter: each one's
		// name and why, as the letter words it (its kind, name and detail, plain strings for the session).
		redirect.addFlashAttribute("notKept", refusals(attachments));
		return "redirect:/participant/conversation?trajectory=" + trajectory.id() + "#sent";
	}

	/** Each file not kept: its kind, name and detail, as the letter words it (plain strings for the session). */
	private static java.util.ArrayList<java.util.ArrayList<String>> refusals(List<MailAttachment> attachments) {
		return attachments.stream()
			.filter(file -> !file.accepted())
			.map(file -> new nl.briefwissel.conversation.Attachment(null, null, file.name(), file.contentType(), file.size(),
					file.refusal()))
			.map(file -> new java.util.ArrayList<>(List.of(file.refusalKind(), file.fileName(), file.refusalDetail())))
			.collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
	}

	@Audited(value = AuditAction.READ, trajectory = "trajectoryId")
	@GetMapping("/participant/attachments/{trajectoryId}/{attachmentId}")
	ResponseEntity<byte[]> attachment(@PathVariable UUID trajectoryId, @PathVariable UUID attachmentId,
			@AuthenticationPrincipal SignedInAccount me) {
		ownFiles(trajectoryId, me);
		return downloads.download(trajectoryId, attachmentId);
	}

	/** The photo small in its letter; the page that shows it is on the trail (AttachmentDownloads#preview). */
	@GetMapping("/participant/attachments/{trajectoryId}/{attachmentId}/preview")
	ResponseEntity<byte[]> attachmentPreview(@PathVariable UUID trajectoryId, @PathVariable UUID attachmentId,
			@AuthenticationPrincipal SignedInAccount me) {
		ownFiles(trajectoryId, me);
		return downloads.preview(trajectoryId, attachmentId);
	}

	/** The files of the participant's own trajectories only; another's are not found. */
	private void ownFiles(UUID trajectoryId, SignedInAccount me) {
		trajectories.byId(trajectoryId)
			.filter(trajectory -> me.id().equals(trajectory.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String page(List<TrajectoryOverview> started, Optional<TrajectoryOverview> trajectory, Model model) {
		model.addAttribute("trajectory", trajectory.orElse(null));
		// A participant in two programmes at once has two conversations: each is reached from the other.
		model.addAttribute("otherConversations", started.stream()
			.filter(t -> trajectory.map(shown -> !shown.id().equals(t.id())).orElse(true))
			.toList());
		model.addAttribute("submission", UUID.randomUUID()); // this form's letter is written once
		model.addAttribute("open", trajectory.map(TrajectoryOverview::underway).orElse(false));
		// Ended: where a new question goes, the way the notice of a mail after the end names it (decision 0122).
		model.addAttribute("whereNext", trajectory.filter(t -> !t.underway())
			.map(t -> whereNext.of(t, LocaleContextHolder.getLocale()))
			.orElse(null));
		// Signed up again since (a new application, matched or not yet): that is where their new question went, so the
		// ended conversation points there instead of asking them to apply again.
		model.addAttribute("appliedAgain", trajectory.filter(t -> !t.underway()).map(this::appliedSince).orElse(false));
		model.addAttribute("writingTo", trajectory.map(TrajectoryOverview::id).orElse(null));
		List<Message> letters = trajectory.map(conversations::toRead).orElse(List.of());
		model.addAttribute("messages", letters);
		// Marked as their record heads them (decision 0122); asked only of an ended trajectory.
		model.addAttribute("lettersAfterTheEnd", trajectory.map(t -> conversations.afterTheEnd(t, letters)).orElse(java.util.Set.of()));
		model.addAttribute("highlights", trajectory.map(t -> highlights.toRead(t.id())).orElse(List.of()));
		model.addAttribute("highlightAction", "/participant/highlights");
		// An address their coach accepted waits for them to confirm it (decision 0091): here too, signed in.
		model.addAttribute("addressesToConfirm", trajectory.map(t -> accepted.waiting(t.id())).orElse(List.of()));
		// And those that count, each of which they may stop counting (decision 0102).
		model.addAttribute("addressesCounting", trajectory.map(t -> accepted.counting(t.id())).orElse(List.of()));
		// The language their next letter is expected in: the box's lang, and that of the text that comes back from it.
		model.addAttribute("lettersLanguage", trajectory.map(t -> Message.expectedIn(letters, t.participantLanguage())).orElse(null));
		model.addAttribute("uploads", true);
		// A programme that keeps letters out of ordinary mail (NTA 7516) does not point to answering by it.
		model.addAttribute("byMail", trajectory.map(TrajectoryOverview::lettersByMail).orElse(true));
		model.addAttribute("openCards", trajectory.filter(TrajectoryOverview::underway).map(t -> given.of(t.id())
			.stream()
			.filter(g -> g.type() == AssignmentType.COACH_CARDS && !g.answered())
			.toList()).orElse(List.of()));
		return "conversation/participant-conversation";
	}

	/**
	 * The participant's conversation: the one their coach writes in now (running or paused), else the
	 * newest that ended, to re-read. A trajectory that has not started (a coach proposed, not yet
	 * accepted) is not one: its coach cannot read it yet.
	 */
	private static Optional<TrajectoryOverview> current(List<TrajectoryOverview> started) {
		return started.stream().filter(TrajectoryOverview::underway).findFirst()
			.or(() -> started.stream().findFirst());
	}

	/**
	 * Of the participant's conversations ({@code started}), the one asked for (one not theirs: not
	 * found); none asked for, the current one.
	 */
	private static Optional<TrajectoryOverview> chosen(List<TrajectoryOverview> started, UUID asked) {
		if (asked == null) {
			return current(started);
		}
		Optional<TrajectoryOverview> own = started.stream().filter(t -> t.id().equals(asked)).findFirst();
		if (own.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return own;
	}

	/**
	 * Whether a trajectory of theirs in the same programme that has not ended was made after this one (the list is
	 * newest first): one in another programme is not this one applied for again. The started list the page has does
	 * not do: a new application has no coach yet and is not in it.
	 */
	private boolean appliedSince(TrajectoryOverview ended) {
		return trajectories.ofParticipant(ended.participantId()).stream()
			.takeWhile(t -> !t.id().equals(ended.id()))
			.filter(t -> t.programmeId().equals(ended.programmeId()))
			.anyMatch(t -> t.status() != TrajectoryStatus.COMPLETED && t.status() != TrajectoryStatus.STOPPED);
	}

	private List<TrajectoryOverview> started(SignedInAccount me) {
		return trajectories.ofParticipant(me.id()).stream().filter(t -> t.coachId() != null && t.startedOn() != null).toList();
	}

}
