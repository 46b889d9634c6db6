package nl.briefwissel.closing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.account.LinkTokens;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.OpenedText;
import nl.briefwissel.statistics.Distribution;
import nl.briefwissel.statistics.EvaluationMonths;
import nl.briefwissel.statistics.Figure;
import nl.briefwissel.trajectory.SendingHours;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryEvents;
import nl.briefwissel.trajectory.TrajectoryOverview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evaluation: asked by mail when a trajectory is completed, with one reminder after a few
 * days. The link works without signing in (many participants only ever use mail). The answer is
 * stored without the trajectory or the person, so statistics can use it without identity.
 */
@Service
public class Evaluations {

	private static final Logger log = LoggerFactory.getLogger(Evaluations.class);

	static final Duration REMIND_AFTER = Duration.ofDays(5);

	/**
	 * A link works for this long after the last mail that carried it, to the end of that day in the clock's zone:
	 * long enough for a holiday, not so long that one found in an old mailbox years later adds a score to a month
	 * far from the trajectory (and shows the coach's name to whoever found it). To the end of a day, so that the
	 * participant page can name the last day whole ({@link #openUntil}) and mean all of it. The pages of a link or an
	 * evaluation that no longer opens say this period in days, as the mail names its last day: "two months" was 59 to
	 * 62 days, as the months fell.
	 */
	public static final Duration LINK_VALID_FOR = Duration.ofDays(60);

	/** What helped most, as a code that figures can count. */
	public enum HelpedMost {
		WRITING, COACH_QUESTIONS, ASSIGNMENTS, RHYTHM, REREADING, OTHER
	}

	/** The answers, all on the participant's own scale of 1 to 10 where it is a score. */
	public record Answers(int satisfaction, int answeredBefore, int answeredAfter, boolean recommend, HelpedMost helpedMost,
			String remarks) {

		/** Between the fields of a waiting answer; the remarks come last and may hold it. */
		private static final String FIELD = "\u001f";

		/**
		 * The answers as one text, to seal while they wait. Remarks without NUL: PostgreSQL refuses it in
		 * text, and the month's publishing would fail on it for good.
		 */
		String asWaiting() {
			return String.join(FIELD, Integer.toString(satisfaction), Integer.toString(answeredBefore),
					Integer.toString(answeredAfter), Boolean.toString(recommend), helpedMost.name(),
					remarks == null || remarks.isBlank() ? "" : remarks.replace("\u0000", "").strip());
		}

		/** The answers of {@link #asWaiting()}; blank remarks are none. */
		static Answers fromWaiting(String text) {
			String[] fields = text.split(FIELD, 6);
			return new Answers(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
					Boolean.parseBoolean(fields[3]), HelpedMost.valueOf(fields[4]),
					fields.length < 6 || fields[5].isEmpty() ? null : fields[5]);
		}
	}

	/**
	 * What participants of a programme said beyond the scores, over the whole months of a period that
	 * are over and had five answers or more (the rule of the evaluation figures, decision 0008): how
	 * many answered, what helped them most, and how many remarks they gave after the form said managers
	 * read them (decision 0029); the remarks themselves are read a page at a time ({@link #remarks}).
	 * What helped most is counted as every figure is: a group under five is not named.
	 */
	public record Feedback(Figure answers, Distribution helpedMost, int remarks) {
	}

	private final JdbcClient jdbc;

	private final Trajectories trajectories;

	private final Accounts accounts;

	private final Outbox outbox;

	private final MessageSource texts;

	private final PublicAddress address;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/** The contact moments' reminders' hours: five days after a completion at half past ten in the evening is a Sunday night. */
	private final SendingHours hours;

	private final Encryption encryption;

	Evaluations(JdbcClient jdbc, Trajectories trajectories, Accounts accounts, Outbox outbox, MessageSource texts,
			PublicAddress address, TransactionTemplate transactions, Clock clock, SendingHours hours, Encryption encryption) {
		this.encryption = encryption;
		this.hours = hours;
		this.jdbc = jdbc;
		this.trajectories = trajectories;
		this.accounts = accounts;
		this.outbox = outbox;
		this.texts = texts;
		this.address = address;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A completed trajectory: ask once (the key makes a redelivered event harmless). */
	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryCompleted completed) {
		request(completed.trajectoryId());
	}

	@Transactional
	public void request(UUID trajectoryId) {
		if (!trajectories.lockedWithContent(trajectoryId)) {
			// Erased before the completion's event was handled (a retry, a restart): no link and no mail
			// about a trajectory that is gone.
			return;
		}
		String token = LinkTokens.create();
		OffsetDateTime now = OffsetDateTime.now(clock);
		int inserted = jdbc.sql("""
				insert into evaluation_request (trajectory_id, token_hash, requested_at) values (:id, :hash, :now)
				on conflict do nothing""")
			.param("id", trajectoryId)
			.param("hash", LinkTokens.hash(token))
			.param("now", now)
			.update();
		if (inserted == 1) {
			mail(trajectoryId, token, "mail.evaluation", now, now);
		}
	}

	/**
	 * One reminder for requests not answered after a few days, with a new link; the first stays valid
	 * beside it (a form opened from the first mail is not thrown away when the reminder goes). A request
	 * without a link is not reminded: its trajectory was erased, and the link with it.
	 */
	@Scheduled(fixedDelayString = "${briefwissel.evaluation.reminder-interval:1h}",
			initialDelayString = "${briefwissel.evaluation.reminder-initial-delay:5m}")
	void remindDue() {
		if (!hours.includes(java.time.ZonedDateTime.now(clock))) {
			return;
		}
		int sent = remindDue(OffsetDateTime.now(clock));
		if (sent > 0) {
			log.info("{} evaluation reminder(s) queued", sent);
		}
	}

	int remindDue(OffsetDateTime now) {
		record Due(UUID trajectoryId, OffsetDateTime requestedAt) {
		}
		List<Due> due = jdbc.sql("""
				select trajectory_id, requested_at from evaluation_request
				where answered_at is null and reminded_at is null and requested_at < :before and token_hash is not null
				and requested_at >= :sentFrom""")
			.param("before", now.minus(REMIND_AFTER))
			// A link that no longer works is not reminded of: the reminder's new link would open it for another two
			// months (a job that did not run for weeks would wake requests long closed).
			.param("sentFrom", sentFrom(now))
			.query((rs, n) -> new Due(rs.getObject("trajectory_id", UUID.class), rs.getObject("requested_at", OffsetDateTime.class)))
			.list();
		int sent = 0;
		for (Due request : due) {
			UUID trajectoryId = request.trajectoryId();
			Boolean reminded = transactions.execute(status -> {
				if (!trajectories.lockedWithContent(trajectoryId)) {
					return false; // erased meanwhile: no mail about it
				}
				String token = LinkTokens.create();
				int claimed = jdbc.sql("""
						update evaluation_request set reminded_at = :now, first_token_hash = token_hash, token_hash = :hash
						where trajectory_id = :id and reminded_at is null and answered_at is null and token_hash is not null""")
					.param("now", now)
					.param("hash", LinkTokens.hash(token))
					.param("id", trajectoryId)
					.update();
				if (claimed == 1) {
					mail(trajectoryId, token, "mail.evaluationReminder", now, request.requestedAt());
				}
				return claimed == 1;
			});
			sent += Boolean.TRUE.equals(reminded) ? 1 : 0;
		}
		return sent;
	}

	/**
	 * Publishes the answers that waited: all of a programme's answers of a month, once that month is over
	 * (and a day more, for an answer given at midnight), in one transaction, under new ids, in an order of
	 * chance (decision 0008). Neither the transaction an answer is written in, nor its id, nor its place
	 * in the table then tells whose it is: only its month and programme do, as the figures (which show
	 * only months that are over) always did. Published in parts, the last part's transaction would have
	 * named the requests answered after the first.
	 */
	@Scheduled(fixedDelayString = "${briefwissel.evaluation.publish-interval:15m}",
			initialDelayString = "${briefwissel.evaluation.reminder-initial-delay:5m}")
	void publishWaiting() {
		int published = publishWaiting(LocalDate.now(clock));
		if (published > 0) {
			log.info("{} evaluation answer(s) published", published);
		}
	}

	int publishWaiting(LocalDate today) {
		record Group(UUID programmeId, LocalDate month) {
		}
		LocalDate before = today.minusDays(1).withDayOfMonth(1);
		List<Group> over = jdbc.sql("""
				select distinct programme_id, answered_month from evaluation_answer_waiting where answered_month < :before""")
			.param("before", before)
			.query((rs, n) -> new Group(rs.getObject("programme_id", UUID.class), rs.getObject("answered_month", LocalDate.class)))
			.list();
		int published = 0;
		for (Group group : over) {
			try {
				published += publish(group.programmeId(), group.month());
			}
			catch (RuntimeException e) {
				// One month that cannot be published (a row that no key opens) must not hold back the others;
				// it is tried again on the next round, and the figures leave that month out until then.
				log.error("Evaluation answers of programme {} for {} could not be published: {}", group.programmeId(),
						group.month(), e.getClass().getSimpleName());
			}
		}
		return published;
	}

	/** All waiting answers of one programme and month, published in one transaction; returns how many. */
	private int publish(UUID programmeId, LocalDate month) {
		Integer moved = transactions.execute(status -> {
			// Locked, so two nodes publish a month once.
			record Waiting(UUID id, String keyId, String answers) {
			}
			List<Waiting> waiting = new ArrayList<>(jdbc.sql("""
					select id, answers_key_id, answers from evaluation_answer_waiting
					where programme_id = :programme and answered_month = :month for update""")
				.param("programme", programmeId)
				.param("month", month)
				.query((rs, n) -> new Waiting(rs.getObject("id", UUID.class), rs.getString("answers_key_id"), rs.getString("answers")))
				.list());
			java.util.Collections.shuffle(waiting, RANDOM);
			for (Waiting answer : waiting) {
				Answers answers = Answers.fromWaiting(encryption.openText(answer.keyId(), answer.answers()));
				jdbc.sql("""
						insert into evaluation_answer (id, programme_id, theme, answered_month, satisfaction, answered_before,
						    answered_after, recommend, helped_most, remarks, remarks_key_id, remarks_shared)
						values (:id, :programme, null, :month, :satisfaction, :before, :after, :recommend, :helped, :remarks,
						    :keyId, true)""")
					.param("id", UUID.randomUUID())
					.param("programme", programmeId)
					.param("month", month)
					.param("satisfaction", answers.satisfaction())
					.param("before", answers.answeredBefore())
					.param("after", answers.answeredAfter())
					.param("recommend", answers.recommend())
					.param("helped", answers.helpedMost().name())
					.param("remarks", encryption.sealText(answers.remarks()))
					.param("keyId", encryption.keyId())
					.update();
			}
			if (!waiting.isEmpty()) {
				jdbc.sql("delete from evaluation_answer_waiting where id in (:ids)")
					.param("ids", waiting.stream().map(Waiting::id).toList())
					.update();
			}
			return waiting.size();
		});
		return moved == null ? 0 : moved;
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/** The trajectory a link asks about, while it is unanswered and not older than {@link #LINK_VALID_FOR}. */
	public Optional<TrajectoryOverview> byToken(String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return open("(token_hash = :key or first_token_hash = :key)", LinkTokens.hash(token));
	}

	/**
	 * The trajectory when its participant may still answer the evaluation signed in: asked, not answered, the
	 * latest mail's link not older than {@link #LINK_VALID_FOR} (the same sixty days as the link, so the page
	 * and the mail say the same), and not erased. The participant page offers it, for someone whose mail went
	 * astray or who would rather not follow a link in a mail.
	 */
	public Optional<TrajectoryOverview> openFor(UUID trajectoryId) {
		return open("trajectory_id = :key", trajectoryId);
	}

	/**
	 * The last day the participant can answer the evaluation, in the clock's zone: the day of the latest mail plus
	 * {@link #LINK_VALID_FOR}, all of which it is open (the link and the page signed in alike). Empty when it cannot
	 * be answered (any more). The participant page names that day: "two months after our mail" left them to count
	 * from a mail they may never have seen; a day that closed at the hour the mail went was read as included.
	 */
	public Optional<LocalDate> openUntil(UUID trajectoryId) {
		return jdbc.sql("select coalesce(reminded_at, requested_at) from evaluation_request where trajectory_id = :key" + STILL_OPEN)
			.param("key", trajectoryId)
			.param("sentFrom", sentFrom())
			.query(OffsetDateTime.class)
			.optional()
			.map(this::lastDay);
	}

	/**
	 * The last whole day a link mailed at {@code sent} works: the mail names it, and the participant page names it
	 * from the same latest mail, so the two say the same day. The mail said two months, and sixty days after a mail
	 * of 7 December end on 5 February.
	 */
	private LocalDate lastDay(OffsetDateTime sent) {
		return sent.atZoneSameInstant(clock.getZone()).toLocalDate().plusDays(LINK_VALID_FOR.toDays());
	}

	/** A request that can be answered: its links kept (not erased), not answered, the latest mail sent on or after {@link #sentFrom}. */
	private static final String STILL_OPEN = " and token_hash is not null and answered_at is null and coalesce(reminded_at, requested_at) >= :sentFrom";

	/** The first moment of the earliest day whose mail's link still works today ({@link #LINK_VALID_FOR}, to the end of a day). */
	private OffsetDateTime sentFrom() {
		return sentFrom(OffsetDateTime.now(clock));
	}

	private OffsetDateTime sentFrom(OffsetDateTime now) {
		return now.atZoneSameInstant(clock.getZone()).toLocalDate().minusDays(LINK_VALID_FOR.toDays())
			.atStartOfDay(clock.getZone()).toOffsetDateTime();
	}

	/** The request {@code which} names (by {@code :key}) while it can be answered ({@link #STILL_OPEN}). */
	private Optional<TrajectoryOverview> open(String which, Object key) {
		return jdbc.sql("select trajectory_id from evaluation_request where " + which + STILL_OPEN)
			.param("key", key)
			.param("sentFrom", sentFrom())
			.query(UUID.class)
			.optional()
			.flatMap(trajectories::byId);
	}

	/** As {@link #answer(String, UUID, Answers)}, for the participant signed in (checked by the caller as its participant). */
	@Transactional
	public boolean answerFor(UUID trajectoryId, UUID form, Answers answers) {
		return answer(openFor(trajectoryId), form, answers);
	}

	/**
	 * Stores the answers without identity and closes the request; false when the link was used already.
	 * The same form sent again (a double click, a reload of the thank-you page) counts as answered: its
	 * first press stored the answers and closed the request, so the link alone no longer opens it. The
	 * links' hashes stay on the closed request, which names the trajectory already.
	 */
	@Transactional
	public boolean answer(String token, UUID form, Answers answers) {
		return answer(byToken(token), form, answers);
	}

	private boolean answer(Optional<TrajectoryOverview> trajectory, UUID form, Answers answers) {
		if (trajectory.isEmpty()) {
			return answeredWith(form);
		}
		// To the day: to the second, the requests' answer times lined up with the answers' order.
		int closed = jdbc.sql("""
				update evaluation_request set answered_at = :today, answered_form = :form
				where trajectory_id = :id and answered_at is null""")
			.param("today", LocalDate.now(clock).atStartOfDay(clock.getZone()).toOffsetDateTime())
			.param("form", form)
			.param("id", trajectory.get().id())
			.update();
		if (closed == 0) {
			// Both presses found the link open; the first closed the request while this one waited for it.
			return answeredWith(form);
		}
		// Not into the answers yet: written in this transaction, an answer carried its id, as the request's
		// row does, and the database tied the two together. It waits, sealed, for its month (publishWaiting).
		jdbc.sql("""
				insert into evaluation_answer_waiting (id, programme_id, answered_month, answers, answers_key_id)
				values (:id, :programme, :month, :answers, :keyId)""")
			.param("id", UUID.randomUUID())
			.param("programme", trajectory.get().programmeId())
			.param("month", LocalDate.now(clock).withDayOfMonth(1))
			.param("answers", encryption.sealText(answers.asWaiting()))
			.param("keyId", encryption.keyId())
			.update();
		return true;
	}

	/**
	 * Whether a request was answered with this form: the form's id is random and only on the page the
	 * link opened, so it names that page, not a person, and is never tied to the stored answers.
	 */
	public boolean answeredWith(UUID form) {
		if (form == null) {
			return false;
		}
		return jdbc.sql("select count(*) from evaluation_request where answered_form = :form and answered_at is not null")
			.param("form", form)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Whether the evaluation a link (or, signed in, a trajectory) asks for was filled in: its page then says so,
	 * not "filled in or older than two months", which left the person guessing. Says nothing of the answers.
	 */
	public boolean answeredByLink(String token) {
		return LinkTokens.plausible(token) && jdbc.sql("""
				select count(*) from evaluation_request
				where (token_hash = :hash or first_token_hash = :hash) and answered_at is not null""")
			.param("hash", LinkTokens.hash(token))
			.query(Long.class)
			.single() > 0;
	}

	/** As {@link #answeredByLink}, for the participant signed in: only of their own trajectory. */
	public boolean answered(UUID trajectoryId, UUID participantId) {
		return jdbc.sql("""
				select count(*) from evaluation_request r join trajectory t on t.id = r.trajectory_id
				where r.trajectory_id = :id and t.participant_id = :participant and r.answered_at is not null""")
			.param("id", trajectoryId)
			.param("participant", participantId)
			.query(Long.class)
			.single() > 0;
	}

	public Feedback feedback(UUID programmeId, LocalDate from, LocalDate until) {
		// Per month: each month's small groups are hidden in that month (Distribution.ofMonths).
		Map<LocalDate, Map<String, Integer>> helped = new java.util.TreeMap<>();
		int[] remarks = { 0 };
		int answers = EvaluationMonths.bind(jdbc.sql("select answered_month, helped_most, case when " + SHARED_REMARK
				+ " then 1 else 0 end as remark from evaluation_answer where " + EvaluationMonths.CONDITION), programmeId, from, until, clock)
			.query((rs, n) -> {
				helped.computeIfAbsent(rs.getObject("answered_month", LocalDate.class), month -> new LinkedHashMap<>())
					.merge(rs.getString("helped_most"), 1, Integer::sum);
				remarks[0] += rs.getInt("remark");
				return n;
			})
			.list()
			.size();
		return new Feedback(Figure.count(answers), Distribution.ofMonths(helped.values()), remarks[0]);
	}

	/** A remark the participant gave after the form said the manager reads it; blank ones are none. */
	private static final String SHARED_REMARK = "remarks_shared and remarks is not null and trim(remarks) <> ''";

	/**
	 * One page of the remarks {@link #feedback} counts, opened here and only these: a programme gathers
	 * hundreds, each sealed, and every view opened all of them to sort them by their text. Sealed, they
	 * cannot be sorted by text in the database; they are in the order of their ids, which were drawn at
	 * random when their month was published (decision 0008), so neither the order nor a page's neighbours
	 * tell when a remark was given (decision 0029), and every view of a period shows the same pages.
	 * A remark that does not open is one of the page, marked as such: an error, it took the page's other
	 * remarks with it (decision 0057).
	 */
	public List<OpenedText> remarks(UUID programmeId, LocalDate from, LocalDate until, int offset, int limit) {
		return EvaluationMonths.bind(jdbc.sql("select id, remarks, remarks_key_id from evaluation_answer where " + SHARED_REMARK
				+ " and " + EvaluationMonths.CONDITION + " order by id limit :limit offset :offset"), programmeId, from, until, clock)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> encryption.openListed("evaluation_answer " + rs.getObject("id", UUID.class),
					rs.getString("remarks_key_id"), rs.getString("remarks")))
			.list()
			.stream()
			.map(remark -> remark.readable() ? new OpenedText(remark.text().strip(), true) : remark)
			.toList();
	}

	/**
	 * About the trajectory: the mail names the participant and their coach, and goes with the trajectory's erasure.
	 * {@code sent} is now, from which its link works to {@link #lastDay}; {@code firstAsked} when the first request
	 * went, which the reminder names: it said "a few days ago" also when it went four weeks later (the job waits for
	 * sending hours, or did not run).
	 */
	private void mail(UUID trajectoryId, String token, String key, OffsetDateTime sent, OffsetDateTime firstAsked) {
		TrajectoryOverview trajectory = trajectories.byId(trajectoryId).orElseThrow();
		Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
		Locale language = participant.language();
		// Written out as the participant page writes it (closing/fragments.html), in the participant's language.
		// It comes from the no-reply address: a reply would be read by nobody, so the mail says so and where a
		// remark is read (the form has room for one), and, like the other automatic mails, that it is one.
		Object[] args = { participant.firstName(), trajectory.coachName(),
				address.link("/evaluation/{token}", language).buildAndExpand(token).toUriString(),
				lastDay(sent).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", language)),
				texts.getMessage("mail.evaluation.noReply", null, language), day(firstAsked, sent, language) };
		String text = texts.getMessage(key + ".text", args, language) + "\n\n"
				+ texts.getMessage("mail.participantNotice.footer", null, language);
		outbox.enqueue(OutgoingMail.notice(participant.email(), texts.getMessage(key + ".subject", args, language), text, null)
			.inLanguage(language, address.base()).about(trajectoryId));
	}

	/** A day as a sentence names it: 9 November; with its year when that is not the year of {@code sent}. */
	private String day(OffsetDateTime at, OffsetDateTime sent, Locale language) {
		LocalDate day = at.atZoneSameInstant(clock.getZone()).toLocalDate();
		String pattern = day.getYear() == sent.atZoneSameInstant(clock.getZone()).getYear() ? "d MMMM" : "d MMMM yyyy";
		return day.format(java.time.format.DateTimeFormatter.ofPattern(pattern, language));
	}
}
