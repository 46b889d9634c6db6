package nl.briefwissel.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import nl.briefwissel.account.Account;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Attachment;
import nl.briefwissel.conversation.Author;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.conversation.QuarantineReason;
import nl.briefwissel.encryption.UnreadableRecordException;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.privacy.ErasureRequest;
import nl.briefwissel.privacy.Erasures;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeFile;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryErasure;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Everything Briefwissel keeps about a participant, as one ZIP (AVG article 15 and 20): per
 * trajectory the PDF record, every attachment and every mail they sent as it arrived (the letter in
 * the conversation is trimmed of quoted history and signature, which are kept too), and all data as
 * JSON in a plain structure that other software can read (each letter with whether it came after the trajectory
 * ended, {@code afterTheEnd}, as the record marks it), the notes about their mail (an
 * out-of-office answer, a bounce) included, and the mail held back for the trajectory (when and why; the
 * mail itself when it came from one of their addresses, unless the receiving server could not confirm that, decision 0105); and, as the person's pages show them, their own erasure
 * requests with the decisions, and who else opened, downloaded or changed their trajectories. Applications that never became a trajectory are in it too: they keep
 * the person's name and question until retention clears them. The names inside the ZIP are in
 * the language of the download, as the PDFs are.
 */
@Service
public class ParticipantExport {

	private static final Logger log = LoggerFactory.getLogger(ParticipantExport.class);

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Reports reports;

	private final ReportPdf pdf;

	private final Conversations conversations;

	private final Trajectories trajectories;

	private final Intakes intakes;

	private final Themes themes;

	private final MessageSource texts;

	private final InboundMails mails;

	/** The programme's clock: a file's date in the ZIP, in its name and as stamped, is the day in Amsterdam, not on the server. */
	private final Clock clock;

	private final Erasures erasures;

	private final AuditTrail trail;

	private final TrajectoryErasure allTrajectories;

	private final AcceptedAddresses acceptedAddresses;

	private final Quarantine quarantine;

	ParticipantExport(Reports reports, ReportPdf pdf, Conversations conversations, Trajectories trajectories, Intakes intakes,
			Themes themes, MessageSource texts, InboundMails mails, Clock clock, Erasures erasures, AuditTrail trail,
			TrajectoryErasure allTrajectories, AcceptedAddresses acceptedAddresses, Quarantine quarantine) {
		this.quarantine = quarantine;
		this.acceptedAddresses = acceptedAddresses;
		this.erasures = erasures;
		this.trail = trail;
		this.allTrajectories = allTrajectories;
		this.mails = mails;
		this.clock = clock;
		this.reports = reports;
		this.pdf = pdf;
		this.conversations = conversations;
		this.trajectories = trajectories;
		this.intakes = intakes;
		this.themes = themes;
		this.texts = texts;
	}

	/**
	 * Writes the ZIP as it is made: a participant with many photos would otherwise hold all of them
	 * (up to 15 MB each) in memory at once; now one file at a time. Only a ZIP that holds everything
	 * is finished: when a part fails the archive is left without its index, so the download fails
	 * visibly instead of arriving as a valid ZIP that lacks the data.
	 */
	public void zip(Account participant, List<TrajectoryOverview> theirs, Locale language, OutputStream out) {
		List<Intakes.Application> applications = intakes.applicationsOf(participant.id(), participant.email());
		ZipOutputStream zip = new ZipOutputStream(out);
		try {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("account", Map.of("name", participant.displayName(), "email", participant.email(), "language",
					participant.language().getLanguage()));
			List<Map<String, Object>> exported = new java.util.ArrayList<>();
			Map<UUID, String> folders = new java.util.HashMap<>();
			// Per application: the files and the mails it came with as written into the ZIP, for its data.
			Map<UUID, Map<String, Object>> sent = new java.util.HashMap<>();
			int number = 0;
			for (TrajectoryOverview listed : theirs) {
				// Gathered with the trajectory's row locked, as the record page does: one erased since the
				// list was read is left out, not written as a folder of blank letters.
				Optional<TrajectoryReport> gathered = reports.readable(listed.id(), participant.id(), language);
				if (gathered.isEmpty()) {
					continue;
				}
				TrajectoryReport report = gathered.get();
				TrajectoryOverview trajectory = report.trajectory();
				number++;
				// As a string: MessageFormat writes a thousand as "1.000" in Dutch.
				String folder = text("report.export.folder", language, String.valueOf(number)) + "/";
				folders.put(trajectory.id(), folder);
				if (trajectory.startedOn() != null) {
					add(zip, folder + text("report.export.record", language), pdf.render(report, language, ReportPdf.Copy.EXPORT), local(report.madeAt()));
				}
				Map<UUID, String> originals = new java.util.HashMap<>();
				Map<UUID, String> files = new java.util.HashMap<>();
				Set<UUID> unopened = new HashSet<>();
				for (Message message : report.correspondence()) {
					for (Attachment attachment : message.attachments()) {
						if (attachment.available()) {
							// Not an empty file in its place: the export stops, and the person gets no ZIP that looks whole.
							// A file that does not open (decision 0057), its letter's text or not (a key removed, the file
							// damaged): said in the data instead, as such a letter is, not the whole export refused for it.
							Optional<byte[]> opened = openedOrNot(() -> conversations.attachmentContent(attachment.id()),
									"message_attachment " + attachment.id(), attachment.id(), unopened);
							if (opened.isEmpty() && unopened.contains(attachment.id())) {
								continue;
							}
							byte[] content = opened
								.orElseThrow(() -> new IllegalStateException("attachment " + attachment.id() + " listed but not stored"));
							String name = folder + text("report.export.attachments", language) + "/" + shortId(attachment.id()) + "-"
									+ attachment.fileName();
							add(zip, name, content, local(message.createdAt()));
							files.put(attachment.id(), name);
						}
					}
					if (message.author() == Author.PARTICIPANT && message.cameByMail()) {
						// Kept as long as the letter is (MailErasure): missing, the export stops as for an attachment.
						// Not opening, also beside a letter that reads, it is said in the data (originalMailUnreadable).
						Optional<byte[]> opened = openedOrNot(() -> mails.raw(message.inboundMailId()),
								"inbound_mail " + message.inboundMailId(), message.id(), unopened);
						if (opened.isEmpty() && unopened.contains(message.id())) {
							continue;
						}
						byte[] raw = opened
							.orElseThrow(() -> new IllegalStateException("mail " + message.inboundMailId() + " of a letter not stored"));
						String name = folder + text("report.export.originals", language) + "/"
								+ local(message.createdAt()).toLocalDate() + "-" + shortId(message.id()) + ".eml";
						add(zip, name, raw, local(message.createdAt()));
						originals.put(message.id(), name);
					}
				}
				List<Map<String, Object>> heldBack = new java.util.ArrayList<>();
				for (Quarantine.Entry held : quarantine.heldFor(trajectory.id())) {
					Map<String, Object> heldData = heldBackData(held, trajectory, language);
					if (quarantine.fromItsParticipant(held) && !held.why().senderDoubted()) {
						// Theirs, kept as long as the trajectory is: as they sent it (or its headers, when it was too big),
						// as a letter's mail is. Someone else's mail, which the conversation did not take, is not; nor one
						// the receiving server did not confirm (or was not asked to confirm) came from their address: it
						// may be someone else's words in their name, and their own they have in their sent mail (listed
						// all the same, decision 0105).
						Optional<byte[]> opened = openedOrNot(() -> mails.raw(held.inboundMailId()),
								"inbound_mail " + held.inboundMailId(), held.inboundMailId(), unopened);
						if (opened.isPresent() && opened.get().length > 0) {
							String name = folder + text("report.export.heldBack", language) + "/"
									+ local(held.quarantinedAt()).toLocalDate() + "-" + shortId(held.inboundMailId()) + ".eml";
							add(zip, name, opened.get(), local(held.quarantinedAt()));
							heldData.put("originalMail", name);
						}
						else if (unopened.contains(held.inboundMailId())) {
							heldData.put("originalMailUnreadable", true);
						}
					}
					heldBack.add(heldData);
				}
				for (Intakes.Application application : applications) {
					if (trajectory.id().equals(application.trajectoryId())) {
						sent.put(application.id(), applicationFiles(zip, application,
								folder + text("report.export.application", language) + "/", language));
					}
				}
				exported.add(trajectoryData(report, intakeOf(trajectory, applications), originals, files, unopened, heldBack,
						sent, language));
			}
			data.put("trajectories", exported);
			for (Intakes.Application application : applications) {
				if (application.trajectoryId() == null) {
					sent.put(application.id(), applicationFiles(zip, application,
							text("report.export.application", language) + "-" + shortId(application.id()) + "/", language));
				}
			}
			data.put("applications", applications.stream()
				.filter(a -> a.trajectoryId() == null)
				.map(a -> applicationData(a, sent, language))
				.toList());
			data.put("erasureRequests", erasures.allOf(participant.id()).stream().map(r -> erasureData(r, language)).toList());
			data.put("accessByOthers", accessByOthers(participant.id(), folders, language));
			add(zip, text("report.export.data", language), JSON.writeValueAsBytes(data), LocalDateTime.now(clock));
			zip.finish();
		}
		catch (IOException e) {
			throw new UncheckedIOException("The export could not be written", e);
		}
	}

	/** The application the trajectory came from; the latest counts, as for its question. */
	private static Optional<Intakes.Application> intakeOf(TrajectoryOverview trajectory, List<Intakes.Application> applications) {
		return applications.stream()
			.filter(a -> trajectory.id().equals(a.trajectoryId()))
			.max(Comparator.comparing(Intakes.Application::submittedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
	}

	/**
	 * What a sealed file of a letter holds, or empty when it does not open, {@code id} then noted in
	 * {@code unopened} and the log naming the {@code record} and its key, never its content: one file
	 * that does not open refused the whole export (decision 0057).
	 */
	private static Optional<byte[]> openedOrNot(Supplier<Optional<byte[]>> open, String record, UUID id, Set<UUID> unopened) {
		try {
			return open.get();
		}
		catch (UnreadableRecordException e) {
			log.error("{} does not open and is said in the participant's export as unreadable: {}", record, e.getMessage());
			unopened.add(id);
			return Optional.empty();
		}
	}

	private Map<String, Object> trajectoryData(TrajectoryReport report, Optional<Intakes.Application> intake,
			Map<UUID, String> originals, Map<UUID, String> files, Set<UUID> unopened, List<Map<String, Object>> heldBack,
			Map<UUID, Map<String, Object>> applicationsSent, Locale language) {
		TrajectoryOverview t = report.trajectory();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("programme", t.programmeName());
		// A proposed coach is not theirs until the coach accepts, as on the start page.
		data.put("coach", t.status() == TrajectoryStatus.MATCHING ? null : t.coachName());
		data.put("status", t.status().name());
		data.put("theme", report.themeLabel());
		data.put("startedOn", t.startedOn() == null ? null : t.startedOn().toString());
		data.put("endedOn", t.endedOn() == null ? null : t.endedOn().toString());
		// One that does not open: said as a letter is, nothing of what is stored (decision 0057).
		said(data, "question", report.inOwnWords().questionReadable(), report.question(), "report.own.question.unreadable", language);
		said(data, "goals", report.inOwnWords().goalsReadable(), report.goals(), "report.own.goals.unreadable", language);
		data.put("mailPreference", trajectories.wantsFullText(t.id()) ? "FULL_TEXT" : "NOTIFICATION");
		// As it stands now: the participant can take the consent given at intake back.
		data.put("employerMayConfirm", trajectories.employerMayConfirm(t.id()));
		// Recipients of their data (AVG article 15): what the employer was told, when and at which address.
		data.put("employerConfirmations", trajectories.employerConfirmationsSent(t.id()).stream().map(sent -> {
			Map<String, Object> confirmation = new LinkedHashMap<>();
			confirmation.put("kind", sent.kind());
			confirmation.put("sentAt", instant(sent.at()));
			confirmation.put("to", sent.to());
			return confirmation;
		}).toList());
		// Their other addresses the coach accepted for the trajectory (decision 0089): data about them we keep and act
		// on, as mail from such an address joins the conversation as theirs (AVG article 15); also one they stopped
		// counting since (decision 0102). Only those they confirmed: one they declined, or never confirmed (waiting, or
		// run out), is not known to be theirs and may be someone else's address (decision 0105). A waiting one is on
		// their conversation page to answer, and the mail that asked them named it.
		data.put("acceptedAddresses", acceptedAddresses.of(t.id()).stream()
			.filter(accepted -> accepted.state() == AcceptedAddresses.State.CONFIRMED
					|| accepted.state() == AcceptedAddresses.State.WITHDRAWN)
			.map(accepted -> {
				Map<String, Object> address = new LinkedHashMap<>();
				address.put("address", accepted.address());
				address.put("state", accepted.state().name());
				address.put("acceptedAt", instant(accepted.acceptedAt()));
				address.put("askedAt", accepted.askedAt() == null ? null : instant(accepted.askedAt()));
				address.put("linkValidUntil", accepted.expiresAt() == null ? null : instant(accepted.expiresAt()));
				// Both days of one they withdrew, each by its name (decision 0110): when they confirmed it (unknown for one
				// withdrawn before V95, which kept only the withdrawal) and when they withdrew it.
				address.put("confirmedAt", accepted.answeredAt() == null ? null : instant(accepted.answeredAt()));
				address.put("withdrawnAt", accepted.withdrawnAt() == null ? null : instant(accepted.withdrawnAt()));
				return address;
			})
			.toList());
		data.put("intake", intake.map(a -> applicationData(a, applicationsSent, language)).orElse(null));
		data.put("changes", report.changes().stream().map(c -> {
			Map<String, Object> change = new LinkedHashMap<>();
			change.put("at", instant(c.at()));
			change.put("kind", c.handover() ? "HANDOVER" : c.extension() ? "EXTENSION" : "STATUS");
			change.put("from", c.from().name());
			change.put("to", c.to().name());
			change.put("reason", c.reason() == null ? null : c.reason().name()); // a resume asks for none
			said(change, "why", c.whyReadable(), c.why(), "report.why.unreadable", language); // in the coach's words, as the PDF shows it
			if (c.handover()) {
				change.put("toCoach", c.toCoachName());
			}
			if (c.extension()) {
				// The weeks it added, as the record names them. Not known for a trajectory extended more than once
				// before each extension kept its own (V111): null, said in words with the sum that is known.
				change.put("weeks", c.weeks());
				if (c.weeks() == null) {
					change.put("weeksNotKept", text("report.export.extension.weeksNotKept", language, t.extraWeeks()));
				}
			}
			return change;
		}).toList());
		data.put("assignments", report.assignments().stream().map(a -> {
			Map<String, Object> given = new LinkedHashMap<>();
			given.put("title", a.given().title());
			given.put("givenAt", instant(a.given().givenAt()));
			given.put("answeredAt", instant(a.given().answeredAt()));
			return given;
		}).toList());
		data.put("highlights", report.highlights().stream().map(h -> {
			Map<String, Object> highlight = new LinkedHashMap<>();
			said(highlight, "passage", h.readable(), h.passage(), "highlight.unreadable", language);
			highlight.put("markedAt", instant(h.markedAt()));
			// Who marked it, named as a letter's writer is (from, role): only the participant and a coach of the
			// trajectory mark, and one marked by a coach before a handover is a coach's too.
			boolean theirs = h.markedBy().equals(t.participantId());
			highlight.put("markedBy", h.markedByName() != null ? h.markedByName() : theirs ? t.participantName() : null);
			highlight.put("markedByRole", (theirs ? Author.PARTICIPANT : Author.COACH).name());
			return highlight;
		}).toList());
		if (report.closing() != null) {
			Map<String, Object> closing = new LinkedHashMap<>();
			// Its writer, as the record names them: after a handover not the trajectory's coach, who
			// stands in only for summaries written before the writer was kept.
			closing.put("writtenBy", report.closing().writtenByName() != null ? report.closing().writtenByName() : t.coachName());
			closing.put("writtenAt", instant(report.closing().writtenAt()));
			// When it was changed after it was sent, as the record says (decision 0146); none for never.
			closing.put("changedAt", instant(report.closing().changedAt()));
			said(closing, "summary", report.closing().summaryReadable(), report.closing().summary(), "closing.summary.unreadable", language);
			said(closing, "reaction", report.closing().reactionReadable(), report.closing().reaction(), "closing.reaction.unreadable", language);
			closing.put("reactedAt", instant(report.closing().reactedAt()));
			data.put("closing", closing);
		}
		data.put("messages", report.correspondence().stream().map(m -> {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("from", m.authorName());
			message.put("role", m.author().name());
			message.put("at", instant(m.createdAt()));
			message.put("channel", m.channel().name());
			// Whether it came after the trajectory ended, as the record heads it "(after the trajectory ended)" for every
			// reader (decision 0122): true or false, judged as the record judges it (a held mail by when it came in).
			message.put("afterTheEnd", report.afterTheEnd(m));
			// The language it was written in (decision 0097); null where not known.
			message.put("language", m.language() == null ? null : m.language().getLanguage());
			said(message, "text", m.readable(), m.body(), "conversation.letter.unreadable", language);
			message.put("attachments", m.attachments().stream().map(a -> {
				Map<String, Object> file = attachmentData(a, files, language);
				if (unopened.contains(a.id())) {
					file.put("fileUnreadable", true);
				}
				return file;
			}).toList());
			if (originals.containsKey(m.id())) {
				message.put("originalMail", originals.get(m.id()));
			}
			else if (unopened.contains(m.id())) {
				message.put("originalMailUnreadable", true);
			}
			return message;
		}).toList());
		// What the conversation shows about mail: an out-of-office answer, a bounce or a delay, with the server's words.
		data.put("mailNotes", report.mailNotes().stream().map(n -> {
			Map<String, Object> note = new LinkedHashMap<>();
			note.put("kind", n.kind().name());
			note.put("at", instant(n.createdAt()));
			said(note, "text", n.readable(), n.body(), "conversation.letter.unreadable", language);
			return note;
		}).toList());
		data.put("heldBackMail", heldBack);
		return data;
	}

	/**
	 * A mail held back for the trajectory, as its coach's page says it (decision 0075): when, why (the code and a
	 * sentence for the participant in the download's language) and from which address ({@link #sender}), not what
	 * it said; the caller adds the mail itself when it was theirs.
	 */
	private Map<String, Object> heldBackData(Quarantine.Entry held, TrajectoryOverview trajectory, Locale language) {
		QuarantineReason why = held.why();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("at", instant(held.quarantinedAt()));
		data.put("reason", why.code());
		// After a completion or a stop it no longer waits for a coach who coaches them: its ".ended" sentence says what
		// holds then, as the notices of held mail do after the end (decision 0122). It is listed here while it is held,
		// so "not added" is true of it; should the coach still add it, it is a letter of the data (with afterTheEnd).
		boolean ended = trajectory.status().ended();
		String other = text("report.export.heldBack.reason.other" + (ended ? ".ended" : ""), language);
		String running = texts.getMessage("report.export.heldBack.reason." + why.code(), null, other, language);
		data.put("reasonText", ended
				? texts.getMessage("report.export.heldBack.reason." + why.code() + ".ended", null, running, language) : running);
		data.put("from", sender(why, trajectory));
		data.put("fromParticipant", quarantine.fromItsParticipant(held));
		return data;
	}

	/**
	 * The address a held mail came from, as far as the participant was told it or sent it themselves: their own
	 * (unconfirmed by the receiving server, or a new mail of theirs, decision 0106), or another that wrote to their reply address, of which the held-back
	 * notice named the address (decision 0075). Never an e-coach's, current or former, or a mail too big sent from
	 * one: the participant sees their coach's name, not the coach's mailbox, anywhere else (decision 0105).
	 */
	private String sender(QuarantineReason why, TrajectoryOverview trajectory) {
		String sender = why.heldFrom();
		if (sender == null || sender.isBlank()) {
			return null;
		}
		if (why instanceof QuarantineReason.UnconfirmedSender || why instanceof QuarantineReason.NewMail) {
			return sender; // their own address (or one they confirmed): held as theirs (decision 0106)
		}
		boolean aCoachs = sender.equalsIgnoreCase(trajectory.coachEmail())
				|| trajectories.coachedBefore(trajectory.id(), sender.strip().toLowerCase(Locale.ROOT));
		return aCoachs ? null : sender;
	}

	/**
	 * A file as the letter lists it, found in the ZIP by {@code file}; one that was not kept (too big, a
	 * program) has no file but the record's sentence why. {@code name} is what the list held before
	 * it held objects.
	 */
	private Map<String, Object> attachmentData(Attachment attachment, Map<UUID, String> files, Locale language) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("name", attachment.fileName());
		data.put("file", files.get(attachment.id()));
		if (!attachment.available()) {
			data.put("notKept", text("conversation.attachment.refused." + attachment.refusalKind(), language,
					attachment.fileName(), attachment.refusalDetail()));
		}
		return data;
	}

	/**
	 * A request to be erased as the person's privacy page tells it: when asked, by when it had to be
	 * answered (and, extended, why), the decision and when, and the reason of a refusal (AVG article 15: the answers to their own
	 * requests are their data too).
	 */
	private Map<String, Object> erasureData(ErasureRequest request, Locale language) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("requestedAt", instant(request.requestedAt()));
		data.put("answerBy", request.answerBy().toString());
		if (request.extended()) {
			// Extended once (AVG article 12(3)): the first day too, and the reason the person was mailed.
			data.put("firstAnswerBy", request.firstAnswerBy().toString());
			data.put("extendedAt", instant(request.extension().at()));
			data.put("extensionReason", request.extension().reason());
		}
		data.put("status", request.status().name());
		data.put("statusLabel", text("erasure.status." + request.status().name(), language));
		data.put("decidedAt", instant(request.decidedAt()));
		data.put("declineReason", request.declineReason());
		return data;
	}

	/**
	 * Who else opened, downloaded or changed their trajectories, newest first, as /participant/privacy/access
	 * shows it (AVG article 15(1)(c), the recipients): also of trajectories erased since, whose lines the trail
	 * keeps; all of it, not the page's first page. {@code trajectory} names the folder of one still in the ZIP.
	 */
	private List<Map<String, Object>> accessByOthers(UUID participantId, Map<UUID, String> folders, Locale language) {
		List<UUID> theirs = allTrajectories.trajectoriesOf(participantId);
		List<Map<String, Object>> lines = new java.util.ArrayList<>();
		AuditTrail.Position after = null;
		do {
			AuditTrail.Page page = trail.aboutTrajectoriesByOthers(theirs, participantId, after);
			for (AuditEntry entry : page.entries()) {
				lines.add(accessData(entry, folders, language));
			}
			after = page.older();
		}
		while (after != null);
		return lines;
	}

	private Map<String, Object> accessData(AuditEntry entry, Map<UUID, String> folders, Locale language) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("at", instant(entry.at()));
		data.put("who", entry.actorName());
		data.put("roles", entry.actorRoles() == null ? List.of() : java.util.Arrays.stream(entry.actorRoles().split(","))
			.map(String::strip)
			.filter(role -> !role.isEmpty())
			.map(role -> texts.getMessage("role." + role, null, role, language))
			.toList());
		data.put("action", entry.action().name());
		data.put("actionLabel", text("privacy.access.action." + entry.action().name(), language));
		data.put("reason", entry.reason());
		String folder = folders.get(entry.trajectoryId());
		data.put("trajectory", folder == null ? null : folder.substring(0, folder.length() - 1));
		return data;
	}

	/**
	 * The files an application by mail came with (a CV) and the mails it was made of, as they were sent, written into
	 * {@code folder} of the ZIP: theirs as a letter's files and mails are (AVG articles 15 and 20). A file not kept is
	 * named with why; one or a mail that does not open is said so, not the whole export refused for it (decision 0057).
	 * What was written, for the application's data.
	 */
	private Map<String, Object> applicationFiles(ZipOutputStream zip, Intakes.Application application, String folder,
			Locale language) throws IOException {
		List<Map<String, Object>> listed = new java.util.ArrayList<>();
		Set<UUID> unopened = new HashSet<>();
		for (IntakeFile file : intakes.filesOf(application.id())) {
			Map<String, Object> fileData = new LinkedHashMap<>();
			fileData.put("name", file.fileName());
			if (file.available()) {
				Optional<byte[]> opened = openedOrNot(() -> intakes.fileContent(file.id()), "intake_attachment " + file.id(),
						file.id(), unopened);
				if (opened.isPresent()) {
					String name = folder + text("report.export.attachments", language) + "/" + shortId(file.id()) + "-"
							+ file.fileName();
					add(zip, name, opened.get(), local(application.createdAt()));
					fileData.put("file", name);
				}
				else {
					fileData.put("unreadable", true);
				}
			}
			else {
				fileData.put("notKept", text("conversation.attachment.refused." + file.refusalKind(), language, file.fileName(),
						file.refusalDetail()));
			}
			listed.add(fileData);
		}
		List<Object> mailsSent = new java.util.ArrayList<>();
		for (UUID mailId : intakes.mailsOf(application.id())) {
			Optional<byte[]> opened = openedOrNot(() -> mails.raw(mailId), "inbound_mail " + mailId, mailId, unopened);
			if (opened.isPresent() && opened.get().length > 0) {
				String name = folder + text("report.export.originals", language) + "/" + shortId(mailId) + ".eml";
				add(zip, name, opened.get(), local(application.createdAt()));
				mailsSent.add(name);
			}
			else if (unopened.contains(mailId)) {
				mailsSent.add(Map.of("originalMailUnreadable", true));
			}
		}
		Map<String, Object> written = new LinkedHashMap<>();
		written.put("files", listed);
		written.put("originalMails", mailsSent);
		return written;
	}

	/** An application as the person gave it: who, what they asked, the self-check and what they agreed to, and when. */
	private Map<String, Object> applicationData(Intakes.Application application, Map<UUID, Map<String, Object>> sent,
			Locale language) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("programme", application.programmeName());
		data.put("source", application.source().name());
		data.put("status", application.status().name());
		data.put("name", application.displayName());
		data.put("email", application.email());
		data.put("language", application.language().getLanguage());
		data.put("theme", application.theme() == null ? null
				: themes.label(application.programmeId(), application.theme(), language));
		said(data, "question", application.questionReadable(), application.question(), "report.own.question.unreadable", language);
		Intake.SelfCheck check = application.selfCheck();
		if (check == null) {
			data.put("selfCheck", null);
		}
		else {
			Map<String, Object> answers = new LinkedHashMap<>();
			answers.put("writesComfortably", check.writesComfortably().name());
			answers.put("motivated", check.motivated().name());
			answers.put("hasTime", check.hasTime().name());
			data.put("selfCheck", answers);
		}
		data.put("expectationsAgreedAt", instant(application.expectationsAgreedAt()));
		// Under a public task or a legitimate interest the box said the statement was read, not that the person agreed
		// (decision 0138, amended): calling that consent would say they gave a ground they did not give.
		if (application.consentAt() == null || application.consented()) {
			data.put("consentAt", instant(application.consentAt()));
		}
		else {
			data.put("statementReadAt", instant(application.consentAt()));
		}
		data.put("employerMayConfirm", application.employerMayConfirm());
		data.put("createdAt", instant(application.createdAt()));
		data.put("submittedAt", instant(application.submittedAt()));
		data.putAll(sent.getOrDefault(application.id(), Map.of("files", List.of(), "originalMails", List.of())));
		return data;
	}

	private LocalDateTime local(OffsetDateTime at) {
		return at.atZoneSameInstant(clock.getZone()).toLocalDateTime();
	}

	/**
	 * A moment as it was in the Netherlands, with its offset: PostgreSQL gives every time back in UTC,
	 * and the data said a letter came at 09:15Z that the record and the ZIP date at 10:15.
	 */
	private String instant(OffsetDateTime at) {
		return at == null ? null : at.atZoneSameInstant(clock.getZone()).toOffsetDateTime().toString();
	}

	/**
	 * {@code key} with its value when it opened; else {@code key + "Unreadable"} with the marked sentence in the
	 * reader's language, in its place, and nothing of what is stored (decision 0057).
	 */
	private void said(Map<String, Object> into, String key, boolean readable, Object value, String unreadable, Locale language) {
		if (readable) {
			into.put(key, value);
		}
		else {
			into.put(key + "Unreadable", text(unreadable, language));
		}
	}

	private String text(String code, Locale language, Object... args) {
		return texts.getMessage(code, args.length == 0 ? null : args, language);
	}

	/**
	 * A ZIP keeps a file's time as a wall-clock time without a zone, which unpacking shows as is:
	 * without one given it is the server's, an hour or two behind the Netherlands.
	 */
	private static void add(ZipOutputStream zip, String name, byte[] content, LocalDateTime at) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTimeLocal(at);
		zip.putNextEntry(entry);
		zip.write(content);
		zip.closeEntry();
	}

	private static String shortId(UUID id) {
		return id.toString().substring(0, 8);
	}
}
