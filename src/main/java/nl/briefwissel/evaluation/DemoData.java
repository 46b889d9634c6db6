package nl.briefwissel.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.ApplicationClock;
import nl.briefwissel.StartupSeeds;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.Evaluations;
import nl.briefwissel.conversation.Author;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeForm;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.ConversationAddress;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One organisation, one programme, three coaches and eight participants in every stage, so the
 * product can be tried without setting anything up. Written once, into an empty database, also when
 * several nodes start on it together. Written on a thread of its own once the application is ready
 * (decision 0118): the story takes seconds of a first start that the sign-in page need not wait for;
 * until it is written the sign-in page says so ({@link DemoProgress}).
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "briefwissel.demo.enabled", havingValue = "true", matchIfMissing = true)
@org.springframework.context.annotation.Profile("!production") // never, whatever a variable says (decision 0002)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private final Accounts accounts;

	private final Organisations organisations;

	private final Programmes programmes;

	private final Trajectories trajectories;

	private final ObjectProvider<EmbeddedMailServer> mailServer;

	private final Conversations conversations;

	private final StartupSeeds seeds;

	private final ApplicationClock clock;

	private final CoachProfiles coachProfiles;

	private final CoachPool coachPool;

	private final Intakes intakes;

	private final Assignments assignments;

	private final GivenAssignments given;

	private final MessageSource texts;

	private final Outbox outbox;

	private final TrajectoryLifecycle lifecycle;

	private final InboundMails inbound;

	private final ConversationAddress replyAddress;

	private final ClosingDesk closingDesk;

	private final Evaluations evaluations;

	private final TransactionTemplate transactions;

	private final DemoProgress progress;

	private final boolean inBackground;

	private final nl.briefwissel.organisation.PrivacyContacts privacyContacts;

	DemoData(Accounts accounts, Organisations organisations, Programmes programmes, Trajectories trajectories,
			ObjectProvider<EmbeddedMailServer> mailServer, Conversations conversations, StartupSeeds seeds,
			ApplicationClock clock, CoachProfiles coachProfiles, CoachPool coachPool, Intakes intakes,
			Assignments assignments, GivenAssignments given, MessageSource texts, Outbox outbox,
			TrajectoryLifecycle lifecycle, InboundMails inbound, ConversationAddress replyAddress, ClosingDesk closingDesk,
			Evaluations evaluations, TransactionTemplate transactions, DemoProgress progress,
			nl.briefwissel.organisation.PrivacyContacts privacyContacts,
			@Value("${briefwissel.demo.in-background:true}") boolean inBackground) {
		this.privacyContacts = privacyContacts;
		this.progress = progress;
		this.inBackground = inBackground;
		this.closingDesk = closingDesk;
		this.evaluations = evaluations;
		this.transactions = transactions;
		this.inbound = inbound;
		this.replyAddress = replyAddress;
		this.lifecycle = lifecycle;
		this.outbox = outbox;
		this.assignments = assignments;
		this.given = given;
		this.texts = texts;
		this.coachProfiles = coachProfiles;
		this.coachPool = coachPool;
		this.intakes = intakes;
		this.accounts = accounts;
		this.organisations = organisations;
		this.programmes = programmes;
		this.trajectories = trajectories;
		this.mailServer = mailServer;
		this.conversations = conversations;
		this.seeds = seeds;
		this.clock = clock;
	}

	/** Before the application reports ready: the data, when it is not to be written in the background. */
	@Override
	public void run(ApplicationArguments args) {
		if (inBackground) {
			seeds.writtenLater(StartupSeeds.DEMO_DATA); // before the installation's runner asks
		}
		else {
			write();
		}
	}

	/**
	 * Once the application is ready: the data on a thread of its own. A failure ends only the story, not
	 * the application, and is logged; the sign-in page then says the demo data is missing.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void whenReady() {
		if (!inBackground) {
			return;
		}
		progress.writing();
		Thread story = new Thread(() -> {
			try {
				write();
				progress.written();
			}
			catch (Throwable e) { // an Error too: the sign-in page must not say "being written" for ever
				progress.failed();
				if (closing) {
					// Stopped in its first seconds: the story's transaction is rolled back and written at the next start.
					log.info("The application stopped while the demo data was written; it is written at the next start");
				}
				else {
					log.error("The demo data could not be written; the demo accounts cannot sign in", e);
				}
			}
			finally {
				if (closing) {
					seeds.abandoned(StartupSeeds.DEMO_DATA); // nothing written now: the next start writes both in turn
				}
				else {
					seeds.written(StartupSeeds.DEMO_DATA); // the installation's first administrator waits for it
				}
			}
		}, "demo-data");
		// Not holding up a shutdown that comes while it writes: the transaction is rolled back then.
		story.setDaemon(true);
		story.start();
	}

	private volatile boolean closing;

	@EventListener(ContextClosedEvent.class)
	void closing() {
		closing = true;
	}

	private void write() {
		// Checked in turn: a second node starting at the same moment waits, then finds the data written.
		seeds.inTurn(StartupSeeds.DEMO_DATA, () -> {
			if (accounts.count() == 0) {
				seed();
			}
		});
		// The embedded server keeps mail in memory: give every person a mailbox again at each start.
		mailServer.ifAvailable(server -> accounts.all().forEach(account -> server.ensureMailbox(account.email())));
	}

	private void seed() {
		String hash = DemoPeople.PASSWORD_HASH;
		Organisation gemeente = organisations.create("Gemeente Voorbeeldstad");
		// Its one programme, in an organisation just made: the rules every new programme obeys (a name the organisation
		// has not, an organisation not ended) hold, also in a database with organisations of that name already.
		// The pilot's way on purpose (decision 0142): the demo shows the pilot, its letters read in full in the embedded
		// server's mailboxes; a participant can still ask for a notification only.
		Programme programme = programmes.create(gemeente.id(), "E-coaching loopbaan", "aanmelden@briefwissel.test",
				MailMode.FULL_TEXT);
		// Where to ask about privacy, and (without the accessibility setting) where the accessibility statement sends a
		// problem: a mailbox on the embedded server, as every demo address.
		privacyContacts.save(gemeente.id(), new nl.briefwissel.organisation.PrivacyContacts.Details("Gemeente Voorbeeldstad",
				"privacy@briefwissel.test", "", "", ""));

		person(gemeente, DemoPeople.ADMINISTRATOR, "Bram Beheer", Role.ADMINISTRATOR, hash);
		person(gemeente, DemoPeople.PROGRAMME_MANAGER, "Ingrid Peters", Role.PROGRAMME_MANAGER, hash);
		Account anja = person(gemeente, DemoPeople.COACH, "Anja de Vries", Role.COACH, hash);
		Account marco = person(gemeente, "marco.jansen@briefwissel.test", "Marco Jansen", Role.COACH, hash);
		Account fatima = person(gemeente, "fatima.elamrani@briefwissel.test", "Fatima El Amrani", Role.COACH, hash);
		coachProfiles.changeMatching(anja.id(), 12, true, "NOLOC-gecertificeerd loopbaanprofessional",
				List.of("NEXT_STEP", "GRIP", "SURPLUS"));
		coachProfiles.changeMatching(marco.id(), 15, true, "NOLOC-gecertificeerd loopbaanprofessional",
				List.of("RETRAINING", "GROWTH"));
		coachProfiles.changeMatching(fatima.id(), 10, true, "CMI-register loopbaancoach",
				List.of("MOVE_WITHIN", "NOT_SURE", "RETRAINING"));
		coachPool.set(programme.id(), List.of(anja.id(), marco.id(), fatima.id()));

		LocalDate today = LocalDate.now(clock);
		participant(gemeente, programme, DemoPeople.PARTICIPANT, "Sanne Bakker", anja, TrajectoryStatus.RUNNING,
				"NEXT_STEP", today.minusWeeks(2), null, hash, DemoStory.sanne());
		participant(gemeente, programme, "pieter.degroot@briefwissel.test", "Pieter de Groot", null,
				TrajectoryStatus.INTAKE, "RETRAINING", null, null, hash, List.of());
		participant(gemeente, programme, "linda.bos@briefwissel.test", "Linda Bos", null, TrajectoryStatus.INTAKE,
				"NOT_SURE", null, null, hash, List.of());
		participant(gemeente, programme, "yvonne.smit@briefwissel.test", "Yvonne Smit", marco,
				TrajectoryStatus.RUNNING, "GROWTH", today.minusWeeks(4), null, hash, DemoStory.yvonne());
		participant(gemeente, programme, "jeroen.mulder@briefwissel.test", "Jeroen Mulder", fatima,
				TrajectoryStatus.RUNNING, "MOVE_WITHIN", today.minusDays(4), null, hash, DemoStory.jeroen());
		UUID ahmed = participant(gemeente, programme, "ahmed.yilmaz@briefwissel.test", "Ahmed Yilmaz", anja,
				TrajectoryStatus.RUNNING, "SURPLUS", today.minusWeeks(3), null, hash, DemoStory.ahmed());
		// Paused by his coach after her last letter, as the coach's form does: the weeks of the pause
		// move his contact moments, so nothing is due while he is away.
		clock.atPastMoment(moment(today.minusDays(18), LocalTime.of(9, 35)), () -> {
			lifecycle.pause(ahmed, anja.id(), today.plusWeeks(1), Reason.PERSONAL_CIRCUMSTANCES,
					"Helpt zijn moeder met verhuizen");
			return null;
		});
		// Written while it ran, then summed up, reacted to and completed at its moments, as a coach would.
		UUID eva = participant(gemeente, programme, "eva.visser@briefwissel.test", "Eva Visser", anja,
				TrajectoryStatus.RUNNING, "GRIP", today.minusWeeks(7), null, hash, DemoStory.eva());
		Account evaVisser = accounts.byEmail("eva.visser@briefwissel.test").orElseThrow();
		clock.atPastMoment(moment(today.minusDays(30), LocalTime.of(10, 0)), () -> {
			closingDesk.write(trajectories.byId(eva).orElseThrow(), anja.id(), DemoStory.EVA_SUMMARY, true); // sent: it was read and reacted to
			outbox.sendDueNow(); // the notice that the summary is there, mailed then
			return null;
		});
		clock.atPastMoment(moment(today.minusDays(29), LocalTime.of(19, 40)),
				() -> closingDesk.react(trajectories.byId(eva).orElseThrow(), evaVisser.id(), DemoStory.EVA_REACTION));
		complete(eva, anja, moment(today.minusDays(28), LocalTime.of(9, 15)));
		// Marco's trajectory with Kees ran its six weeks and more, seven weeks ago: written while it ran
		// (the services write a letter only then, decision 0030), summed up without a reaction, completed.
		UUID kees = participant(gemeente, programme, "kees.hendriks@briefwissel.test", "Kees Hendriks", marco,
				TrajectoryStatus.RUNNING, "NEXT_STEP", today.minusWeeks(14), null, hash, DemoStory.kees());
		clock.atPastMoment(moment(today.minusDays(52), LocalTime.of(10, 30)), () -> {
			closingDesk.write(trajectories.byId(kees).orElseThrow(), marco.id(), DemoStory.KEES_SUMMARY, true);
			outbox.sendDueNow();
			return null;
		});
		complete(kees, marco, moment(today.minusWeeks(7), LocalTime.of(9, 0)));
		log.info("Demo data written: 1 organisation, 1 programme, 3 coaches, 8 participants");
	}

	/**
	 * Completed by the coach at {@code at}, and the participant asked for an evaluation then, as the
	 * completion's listener does a moment later: in the completion's transaction, so the listener (on its
	 * own thread, at today's time) finds the request there and asks nothing again.
	 */
	private void complete(UUID trajectory, Account coach, Instant at) {
		clock.atPastMoment(at, () -> {
			transactions.executeWithoutResult(status -> {
				lifecycle.complete(trajectory, coach.id(), Reason.QUESTION_ANSWERED, null);
				evaluations.request(trajectory);
			});
			outbox.sendDueNow();
			return null;
		});
	}

	private Account person(Organisation organisation, String email, String name, Role role, String hash) {
		return accounts.register(new NewAccount(organisation.id(), email, name, DUTCH, Set.of(role), null), hash);
	}

	private UUID participant(Organisation organisation, Programme programme, String email, String name, Account coach,
			TrajectoryStatus status, String theme, LocalDate startedOn, LocalDate endedOn, String hash,
			List<DemoStory.Letter> story) {
		LocalDate today = LocalDate.now(clock);
		// Applied for a few days before the start, so lists ordered by when a trajectory came tell the story.
		Account participant = clock.atPastMoment(moment((startedOn == null ? today : startedOn).minusDays(3), LocalTime.of(11, 0)),
				() -> person(organisation, email, name, Role.PARTICIPANT, hash));
		UUID coachId = coach == null ? null : coach.id();
		UUID trajectory = clock.atPastMoment(moment((startedOn == null ? today : startedOn).minusDays(3), LocalTime.of(11, 5)), () -> {
			UUID recorded = trajectories.record(programme.id(), participant.id(), coachId, status, theme, startedOn, endedOn);
			intakes.record(programme.id(), participant, recorded, new IntakeForm(name, email, DemoLetters.question(theme), theme,
					new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.PARTLY), true, true),
					Intake.Source.LINK);
			return recorded;
		});
		for (DemoStory.Letter letter : story) {
			// Through the services a person's clicks use, at the letter's own moment: the letters, the
			// mails, the assignment given and answered and the coach's writing trends all tell the same
			// weeks (decision 0045).
			clock.atPastMoment(moment(today.minusDays(letter.daysAgo()), letter.at()),
					() -> write(trajectory, coach, participant, letter));
		}
		return trajectory;
	}

	/** A moment of a day in the story, in the programme's time zone. */
	private Instant moment(LocalDate day, LocalTime at) {
		return day.atTime(at).atZone(clock.getZone()).toInstant();
	}

	private UUID write(UUID trajectoryId, Account coach, Account participant, DemoStory.Letter letter) {
		if (letter instanceof DemoStory.FromParticipant reply) {
			return reply.byMail() ? mail(trajectoryId, participant, reply)
					: conversations.participantWrites(trajectoryId, participant.id(), reply.text());
		}
		DemoStory.FromCoach fromCoach = (DemoStory.FromCoach) letter;
		TrajectoryOverview trajectory = trajectories.byId(trajectoryId).orElseThrow();
		Optional<Assignment> assignment = fromCoach.assignment() == null ? Optional.empty()
				: assignments.shared(new Assignments.Search(fromCoach.assignment(), null, null))
					.stream()
					.filter(a -> a.title().equals(fromCoach.assignment()) && a.language().equals(DUTCH))
					.findFirst();
		// As the write form puts it in the letter: under the coach's words, headed, with the time it takes.
		String quoted = assignment.map(a -> a.asLetterText(texts.getMessage("assignment.inLetter", null, DUTCH),
				texts.getMessage(trajectory.lettersByMail() ? "assignment.estimate" : "assignment.estimate.secure",
						new Object[] { a.minutes() }, DUTCH)))
			.orElse(null);
		String text = quoted == null ? letter.text() : letter.text() + "\n\n" + quoted;
		Conversations.FormLetter written = conversations.coachWritesOnce(trajectory, coach.id(), text, null, quoted);
		if (!(written instanceof Conversations.FormLetter.Written letterWritten)) {
			throw new IllegalStateException("The demo trajectory " + trajectoryId + " took no letter");
		}
		assignment.ifPresent(a -> given.give(trajectoryId, a.id(), letterWritten.messageId()));
		// Mailed when written, as it would have been: not all at once when the application starts.
		outbox.sendDueNow();
		return letterWritten.messageId();
	}

	/**
	 * The participant answers the coach's last mail from their mail program: the reply comes in through
	 * the inbound pipeline (stored, read, threaded, its quote trimmed) as every reply does, handled on this
	 * thread at the letter's moment. Null when the pipeline did not take it as a letter (a sender check
	 * configured for real mail puts it in the quarantine): the story goes on without it.
	 */
	private UUID mail(UUID trajectoryId, Account participant, DemoStory.FromParticipant reply) {
		List<Message> before = conversations.of(trajectoryId);
		Message answered = before.stream().filter(m -> m.author() == Author.COACH && m.mailMessageId() != null)
			.reduce((first, second) -> second)
			.orElseThrow(() -> new IllegalStateException("A demo reply by mail needs a coach's mail to answer"));
		String to = replyAddress.replyTo(trajectoryId, participant.id());
		inbound.store(DemoReplyMail.of(participant.email(), participant.displayName(), to, answered, reply.text(),
				clock.instant(), clock.getZone()), InboundMails.Source.SMTP, participant.email(), List.of(to));
		inbound.handleDueNow();
		List<Message> after = conversations.of(trajectoryId);
		if (after.size() == before.size()) {
			log.warn("A demo reply by mail went to the quarantine, not into the conversation");
			return null;
		}
		return after.get(after.size() - 1).id();
	}
}
