package nl.briefwissel.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure on request (AVG article 17). A participant asks; an administrator confirms, after
 * checking for instance that no legal duty to keep the record applies, or declines with a reason
 * the participant reads. Confirming removes every word, file and mail and the person's identity;
 * anonymous figures remain.
 */
@Service
public class Erasures {

	private static final Logger log = LoggerFactory.getLogger(Erasures.class);

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final TrajectoryErasure trajectories;

	private final MailErasure mail;

	private final AuditTrail audit;

	private final Outbox outbox;

	private final MessageSource texts;

	private final Clock clock;

	private final Quarantine quarantine;

	private final PublicAddress address;

	private final Trajectories allTrajectories;

	private final AcceptedAddresses acceptedAddresses;

	Erasures(JdbcClient jdbc, Accounts accounts, TrajectoryErasure trajectories, MailErasure mail, AuditTrail audit,
			Outbox outbox, MessageSource texts, Clock clock, Quarantine quarantine, PublicAddress address,
			Trajectories allTrajectories, AcceptedAddresses acceptedAddresses) {
		this.acceptedAddresses = acceptedAddresses;
		this.allTrajectories = allTrajectories;
		this.address = address;
		this.quarantine = quarantine;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.trajectories = trajectories;
		this.mail = mail;
		this.audit = audit;
		this.outbox = outbox;
		this.texts = texts;
		this.clock = clock;
	}

	/**
	 * Records the request; asking again while one is open changes nothing. A double click on the
	 * button asks twice at once: the account's row lock makes the second wait and find the first.
	 */
	@Transactional
	public ErasureRequest request(UUID accountId) {
		lock(accountId);
		Optional<ErasureRequest> latest = latestOf(accountId).filter(ErasureRequest::open);
		if (latest.isPresent()) {
			return latest.get();
		}
		jdbc.sql("insert into erasure_request (id, account_id, requested_at, status) values (:id, :account, :now, 'REQUESTED')")
			.param("id", UUID.randomUUID())
			.param("account", accountId)
			.param("now", OffsetDateTime.now(clock))
			.update();
		log.info("Erasure requested by account {}", accountId);
		ErasureRequest made = latestOf(accountId).orElseThrow();
		tellAdministrators(made);
		return made;
	}

	/**
	 * Nobody looks at the list of requests every day, and the month to answer runs from the request: the
	 * administrators of the person's organisation are mailed, or every administrator where it has none
	 * (docs/decisions/0049). The mail names nobody; who asked is on the page behind the sign-in.
	 */
	private void tellAdministrators(ErasureRequest request) {
		mailAdministrators(request, "erasure.mail.requested");
	}

	/**
	 * Sends the reminder of one request still open a week before the day it must be answered by, once:
	 * the {@code reminded_at} set here, on the request's row, is the claim. A second node's run waits for
	 * the row and then finds it set; an administrator's decision at the same moment waits too, or comes
	 * first and leaves nothing to remind (docs/decisions/0053). The mail is queued in the same
	 * transaction, so a claim without its mail is never committed. Returns whether it was sent.
	 */
	@Transactional
	boolean remindIfDue(UUID requestId, LocalDate today) {
		Optional<ErasureRequest> request = openRequest(requestId)
			.filter(open -> !today.isBefore(open.answerBy().minusDays(REMIND_DAYS_BEFORE)));
		if (request.isEmpty()) {
			return false;
		}
		// For the deadline read a moment ago: an extension committed meanwhile sets a later day, and its own reminder.
		var claim = jdbc.sql("update erasure_request set reminded_at = :now where id = :id and status = 'REQUESTED' and reminded_at is null and "
				+ (request.get().extended() ? "extended_until = :until" : "extended_until is null"))
			.param("now", OffsetDateTime.now(clock))
			.param("id", requestId);
		int claimed = (request.get().extended() ? claim.param("until", request.get().answerBy()) : claim).update();
		if (claimed != 1) {
			return false;
		}
		mailAdministrators(request.get(), "erasure.mail.reminder");
		log.info("Erasure request {} still open near its deadline: administrators reminded", requestId);
		return true;
	}

	/** A week: time enough to check for a legal duty to keep and to decide, before the month is over. */
	static final int REMIND_DAYS_BEFORE = 7;

	/** Open requests not reminded of yet, for the reminder job; each is checked again in its own transaction. */
	List<UUID> openNotReminded() {
		return jdbc.sql("select id from erasure_request where status = 'REQUESTED' and reminded_at is null order by requested_at")
			.query(UUID.class)
			.list();
	}

	private void mailAdministrators(ErasureRequest request, String key) {
		UUID organisation = accounts.byId(request.accountId()).map(Account::organisationId).orElse(null);
		List<Account> administrators = accounts
			.find(new Accounts.AccountSearch("", Role.ADMINISTRATOR.name()), 0, ADMINISTRATORS_MAILED_AT_MOST)
			.stream()
			.filter(Account::enabled)
			.toList();
		List<Account> ours = administrators.stream().filter(a -> a.organisationId() != null && a.organisationId().equals(organisation)).toList();
		for (Account administrator : ours.isEmpty() ? administrators : ours) {
			Locale language = administrator.language();
			java.time.format.DateTimeFormatter day = day(language);
			Object[] args = { day.format(request.answerBy()), administrator.firstName(),
					day.format(request.requestedAt().atZoneSameInstant(clock.getZone())),
					address.link("/admin/erasure", language).toUriString() };
			// A person's click caused it (or the month it started), not a mail that came in: no loop brake may hold it back.
			outbox.enqueueAskedFor(OutgoingMail.notice(administrator.email(),
					texts.getMessage(key + ".subject", args, language),
					texts.getMessage(key + ".text", args, language), null).inLanguage(language, address.base()));
		}
	}

	/** Far above any installation's administrators; a bound, so a mistake in the roles mails no thousands. */
	private static final int ADMINISTRATORS_MAILED_AT_MOST = 50;

	public Optional<ErasureRequest> latestOf(UUID accountId) {
		return jdbc.sql(SELECT + " where r.account_id = :account order by r.requested_at desc")
			.param("account", accountId)
			.query(this::erasureRequest)
			.list()
			.stream()
			.findFirst();
	}

	/** Every request of this person, newest first: their own data, for their export (AVG article 15). */
	public List<ErasureRequest> allOf(UUID accountId) {
		return jdbc.sql(SELECT + " where r.account_id = :account order by r.requested_at desc")
			.param("account", accountId)
			.query(this::erasureRequest)
			.list();
	}

	public Optional<ErasureRequest> byId(UUID requestId) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", requestId).query(this::erasureRequest).optional();
	}

	public List<ErasureRequest> open() {
		return jdbc.sql(SELECT + " where r.status = 'REQUESTED' order by r.requested_at").query(this::erasureRequest).list();
	}

	/** The last fifty decisions, for the administrator's overview. */
	public List<ErasureRequest> decided() {
		return jdbc.sql(SELECT + " where r.status <> 'REQUESTED' order by r.decided_at desc limit 50")
			.query(this::erasureRequest)
			.list();
	}

	/** Erases everything about the person and tells them so, at the address that is then forgotten. */
	@Transactional
	public boolean confirm(UUID requestId, UUID administratorId) {
		Optional<ErasureRequest> request = openRequest(requestId);
		if (request.isEmpty()) {
			return false;
		}
		if (erasedAlready(request.get().accountId())) {
			return false;
		}
		Account person = accounts.byId(request.get().accountId()).orElseThrow();
		if (!decide(requestId, administratorId, "CONFIRMED", null)) {
			return false; // another administrator decided it at the same moment
		}
		// A second request of the same person (asked twice before requests took turns) is answered too.
		closeOpenRequestsOf(person.id(), administratorId);
		List<EmployerTold> told = employersTold(person.id());
		eraseEverythingOf(person, administratorId);
		told.forEach(this::tellOfErasure);
		// Someone who also works here (a coach, a manager) keeps their account: the mail says what went.
		// Asked for, so no loop brake holds it back; forgotten once sent, as the rest of their mail is now.
		outbox.enqueueAskedForThenForgotten(mail(person.email(), person.language(),
				participantOnly(person) ? "erasure.mail.confirmed" : "erasure.mail.confirmedParticipation", person.firstName(), null));
		log.info("Erasure request {} confirmed: account {} erased", requestId, person.id());
		return true;
	}

	/** A day as the mails about a request write it, in the reader's language. */
	private static java.time.format.DateTimeFormatter day(Locale language) {
		return java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", language);
	}

	/** What became of an administrator's extension of a request's month to answer. */
	public enum Extending {
		/** Extended; the participant is mailed why and the new day. */
		EXTENDED,
		/** It was extended before: once only (AVG article 12(3)). */
		EXTENDED_BEFORE,
		/** The first month is over: the participant had to be told within it, so it must be answered now. */
		FIRST_MONTH_OVER,
		/** Decided meanwhile (by another administrator, or answered by an erasure). */
		DECIDED
	}

	/**
	 * Extends an open request's month to answer once, by one or two months from the day it was due (AVG article
	 * 12(3), for a complex request or many requests), and tells the person why and the new day in their language.
	 * Only within that first month: the law asks for the person to be told within it. The reminder of the week
	 * before goes again, for the new day (docs/decisions/0053).
	 */
	@Transactional
	public Extending extend(UUID requestId, UUID administratorId, int months, String reason) {
		if (months < 1 || months > ErasureRequest.EXTENSION_MONTHS_AT_MOST) {
			throw new IllegalArgumentException("An extension is one or two months, not " + months);
		}
		Optional<ErasureRequest> read = byId(requestId);
		if (read.isEmpty() || erasedAlready(read.get().accountId())) {
			return Extending.DECIDED;
		}
		// Read again after the account's lock: a decision or another extension made meanwhile has committed.
		ErasureRequest request = openRequest(requestId).orElse(null);
		if (request == null) {
			return Extending.DECIDED;
		}
		if (request.extended()) {
			return Extending.EXTENDED_BEFORE;
		}
		if (!request.extendable(LocalDate.now(clock))) {
			return Extending.FIRST_MONTH_OVER;
		}
		LocalDate until = request.firstAnswerBy().plusMonths(months);
		int extended = jdbc.sql("""
				update erasure_request set extended_until = :until, extension_reason = :reason, extended_by = :by,
				    extended_at = :now, reminded_at = null
				where id = :id and status = 'REQUESTED' and extended_until is null""")
			.param("until", until)
			.param("reason", reason.strip())
			.param("by", administratorId)
			.param("now", OffsetDateTime.now(clock))
			.param("id", requestId)
			.update();
		if (extended != 1) {
			return Extending.DECIDED;
		}
		Account person = accounts.byId(request.accountId()).orElseThrow();
		Locale language = person.language();
		java.time.format.DateTimeFormatter day = day(language);
		Object[] args = { person.firstName(), reason.strip(), day.format(until), day.format(request.firstAnswerBy()),
				day.format(request.requestedAt().atZoneSameInstant(clock.getZone())) };
		// An administrator's decision the law asks them to explain (AVG article 12(3)): no loop brake may hold it back.
		outbox.enqueueAskedFor(OutgoingMail.notice(person.email(), texts.getMessage("erasure.mail.extended.subject", args, language),
				texts.getMessage("erasure.mail.extended.text", args, language), null).inLanguage(language, address.base()));
		log.info("Erasure request {} extended by {} month(s)", requestId, months);
		return Extending.EXTENDED;
	}

	/** An employer contact that was sent a participant's name (decision 0036): where, which programme, on which days. */
	private record EmployerTold(String to, String programme, List<OffsetDateTime> sentAt) {
	}

	/**
	 * The employer contacts told of this person's start or completion, read before the erasure takes the
	 * trajectories: the only ones outside Briefwissel who received their personal data (docs/decisions/0056).
	 * Trajectories erased before (at the end of their retention period) are left out: that is no erasure on
	 * request, which is what AVG article 19 is about.
	 */
	private List<EmployerTold> employersTold(UUID personId) {
		List<EmployerTold> told = new java.util.ArrayList<>();
		for (UUID trajectoryId : trajectories.trajectoriesOf(personId)) {
			if (!allTrajectories.lockedWithContent(trajectoryId)) {
				continue;
			}
			var sent = allTrajectories.employerConfirmationsSent(trajectoryId);
			if (sent.isEmpty() || sent.get(0).to() == null || sent.get(0).to().isBlank()) {
				continue;
			}
			allTrajectories.byId(trajectoryId).ifPresent(trajectory -> told.add(new EmployerTold(sent.get(0).to(),
					trajectory.programmeName(), sent.stream().map(Trajectories.EmployerConfirmationSent::at).toList())));
		}
		return told;
	}

	/**
	 * AVG article 19: the recipient hears that the data they were sent is erased, so that they can erase
	 * their copy. Without the name or address they were sent (erased now, and not to be sent again): the
	 * programme and the days our confirmations went let them find those mails. The contact has no account or
	 * language, so the mail speaks Dutch and, under it, English, as the confirmations did. Queued in the
	 * erasing transaction from what was read before it, and about no record: the erasure does not take it.
	 */
	private void tellOfErasure(EmployerTold employer) {
		Locale dutch = Locale.forLanguageTag("nl");
		String text = recipientText(employer, dutch) + "\n\n---\n\n" + recipientText(employer, Locale.ENGLISH);
		// Told because the law asks it after a person's request, not in answer to a mail: no loop brake may hold it back.
		outbox.enqueueAskedFor(OutgoingMail.notice(employer.to(), texts.getMessage("erasure.mail.recipient.subject", null, dutch),
				text, null));
		log.info("Employer contact told of an erasure (AVG article 19)");
	}

	private String recipientText(EmployerTold employer, Locale language) {
		java.time.format.DateTimeFormatter day = day(language);
		String days = employer.sentAt().stream()
			.map(at -> day.format(at.atZoneSameInstant(clock.getZone())))
			.distinct()
			.collect(java.util.stream.Collectors.joining(", "));
		return texts.getMessage("erasure.mail.recipient.text", new Object[] { employer.programme(), days }, language);
	}

	@Transactional
	public boolean decline(UUID requestId, UUID administratorId, String reason) {
		Optional<ErasureRequest> request = openRequest(requestId);
		if (request.isEmpty()) {
			return false;
		}
		if (erasedAlready(request.get().accountId())) {
			return false;
		}
		Account person = accounts.byId(request.get().accountId()).orElseThrow();
		if (!decide(requestId, administratorId, "DECLINED", reason.strip())) {
			return false; // another administrator decided it at the same moment
		}
		// An administrator's decision, not an answer to a mail: no loop brake may hold back the reason (AVG article 12).
		outbox.enqueueAskedFor(mail(person.email(), person.language(), "erasure.mail.declined", person.firstName(), reason.strip()));
		log.info("Erasure request {} declined", requestId);
		return true;
	}

	/**
	 * Every trajectory, application and mail of this person, their name on the audit trail, and
	 * their account. Someone who is also a coach or manager keeps their account: only their
	 * participation is erased.
	 */
	@Transactional
	public void eraseEverythingOf(Account person, UUID by) {
		List<UUID> theirs = trajectories.trajectoriesOf(person.id());
		// Read before the erasure of their trajectories deletes them with the rest.
		List<String> addresses = addressesOf(person, theirs);
		theirs.forEach(trajectory -> trajectories.erase(trajectory, by));
		trajectories.eraseApplicationsOf(person.email());
		// Asked for, not at the end of a retention period: their recent mail of no conversation goes too,
		// instead of waiting for its own period in the quarantine, from each address of theirs. Someone who
		// also works here keeps what they mailed for their work: a letter to a participant of theirs still on
		// its way into the conversation, for one.
		quarantine.discardMailOf(addresses, !participantOnly(person), by);
		if (participantOnly(person)) {
			mail.forgetMailTo(person.email());
			forgetIdentity(person.id());
		}
		// Someone who also works here keeps the mail of their work (a handover, a proposal, the digest):
		// the mail of their participation went with their trajectories' erasure.
	}

	/**
	 * What is left of someone who took part in an organisation that ended and nowhere else, once their
	 * trajectories there are erased (decision 0073): as {@link #eraseEverythingOf}, but no application found
	 * by their address alone, as that may be another organisation's. Their stray mail and the mail the pipeline
	 * gave up on go: they take part and work nowhere else, and processed again it would be a letter or an
	 * application with their name.
	 */
	@Transactional
	void forgetParticipantOfEndedOrganisation(Account person, List<String> addresses, UUID by) {
		// They work nowhere else either: no mail of theirs is kept for a work that goes on.
		quarantine.discardMailOf(addresses, false, by);
		if (participantOnly(person)) {
			forgetIdentity(person.id());
		}
	}

	/**
	 * The person's own address and the other addresses of theirs they confirmed for these trajectories
	 * (decision 0091), also one they stopped counting since (decision 0102): mail from those is theirs. Read
	 * before the trajectories are erased, which deletes the accepted addresses with them; one waiting for an
	 * answer, declined or run out is not known to be theirs. Nor is one that is another person's now: an account's
	 * own address, or claimed since for another participant (a withdrawn address, or an ended trajectory's, is free
	 * to be), whose mail the erasure would otherwise discard with theirs.
	 */
	List<String> addressesOf(Account person, List<UUID> trajectoryIds) {
		List<String> addresses = new java.util.ArrayList<>(List.of(person.email()));
		addresses.addAll(acceptedAddresses.confirmedAndTheirsStill(person.id(), trajectoryIds));
		return addresses;
	}

	/** Whether confirming this person's request leaves their account (they also work here: a coach, a manager). */
	public boolean keepsAccount(UUID accountId) {
		return accounts.byId(accountId).map(person -> !participantOnly(person)).orElse(false);
	}

	private static boolean participantOnly(Account person) {
		return person.roles().stream().allMatch(role -> role == Role.PARTICIPANT);
	}

	/**
	 * The person's name and address go from the account and the audit trail, with any mail still kept
	 * for that address; the ids that point to them stay. A request of theirs still open is answered by
	 * this: there is nothing left to decide.
	 */
	@Transactional
	void forgetIdentity(UUID accountId) {
		accounts.byId(accountId).ifPresent(person -> mail.forgetMailTo(person.email()));
		audit.forgetActor(accountId);
		accounts.anonymise(accountId);
		closeOpenRequestsOf(accountId, null);
	}

	/**
	 * On {@code account a}: a person with a name still, who only takes part, and whose trajectories are
	 * all erased (or who has none).
	 */
	static final String ONLY_ERASED_PARTICIPATION = """
			a.email not like '%@briefwissel.invalid'
			  and not exists (select 1 from trajectory t where t.participant_id = a.id and t.erased_at is null)
			  and not exists (select 1 from account_role r where r.account_id = a.id and r.role <> 'PARTICIPANT')""";

	/**
	 * For the retention job: forgets the person when, with their rows locked, every trajectory of theirs
	 * is still erased and they still only take part. Listed a moment before, they may have applied again
	 * since: that application's account stays theirs. Returns whether they were forgotten.
	 */
	@Transactional
	public boolean forgetIdentityIfAllErased(UUID accountId) {
		lock(accountId);
		boolean allErased = jdbc.sql("select count(*) from account a where a.id = :id and " + ONLY_ERASED_PARTICIPATION)
			.param("id", accountId)
			.query(Integer.class)
			.single() > 0;
		if (allErased) {
			forgetIdentity(accountId);
		}
		return allErased;
	}

	/**
	 * Locks the person's account row: requests and decisions about one person take turns, so that a
	 * double click makes one request, and two requests of one person decided at once erase and mail once.
	 * Their trajectories' rows first, in the order a letter takes them (the trajectory's row, then the
	 * account's through the letter's author key): the other way round, a letter sent while the erasure is
	 * confirmed would wait for the erasure while the erasure waits for it, and PostgreSQL ends one of them.
	 */
	private void lock(UUID accountId) {
		jdbc.sql("select id from trajectory where participant_id = :id order by id for update")
			.param("id", accountId)
			.query(UUID.class)
			.list();
		jdbc.sql("select id from account where id = :id for update").param("id", accountId).query(UUID.class).optional();
	}

	/**
	 * Locks the account, and refuses to decide for someone who was anonymised already (by the retention
	 * job, or by a request confirmed before): their open request is closed as answered by that, instead
	 * of erasing again and mailing an address that is no longer theirs.
	 */
	private boolean erasedAlready(UUID accountId) {
		lock(accountId);
		boolean erased = jdbc.sql("select count(*) from account where id = :id and email like '%@briefwissel.invalid'")
			.param("id", accountId)
			.query(Integer.class)
			.single() > 0;
		if (erased) {
			closeOpenRequestsOf(accountId, null);
		}
		return erased;
	}

	private void closeOpenRequestsOf(UUID accountId, UUID by) {
		jdbc.sql("""
				update erasure_request set status = 'CONFIRMED', decided_by = :by, decided_at = :now
				where account_id = :account and status = 'REQUESTED'""")
			.param("by", by)
			.param("now", OffsetDateTime.now(clock))
			.param("account", accountId)
			.update();
	}

	private Optional<ErasureRequest> openRequest(UUID requestId) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", requestId).query(this::erasureRequest).optional()
			.filter(ErasureRequest::open);
	}

	/**
	 * Decides an open request, right after the account's lock: the row stays locked until the
	 * transaction ends, so a second administrator's decision waits and then finds it decided, instead
	 * of both erasing and both mailing the person.
	 */
	private boolean decide(UUID requestId, UUID administratorId, String status, String reason) {
		return jdbc.sql("""
				update erasure_request set status = :status, decided_by = :by, decided_at = :now, decline_reason = :reason
				where id = :id and status = 'REQUESTED'""")
			.param("status", status)
			.param("by", administratorId)
			.param("now", OffsetDateTime.now(clock))
			.param("reason", reason)
			.param("id", requestId)
			.update() == 1;
	}

	private OutgoingMail mail(String to, Locale language, String key, String name, String reason) {
		Object[] args = { name, reason };
		return OutgoingMail.notice(to, texts.getMessage(key + ".subject", args, language),
				texts.getMessage(key + ".text", args, language), null).inLanguage(language, address.base());
	}

	private static final String SELECT = """
			select r.id, r.account_id, a.display_name, a.email, r.requested_at, r.status, r.decided_at, r.decline_reason,
			       r.extended_until, r.extension_reason, r.extended_at
			from erasure_request r join account a on a.id = r.account_id""";

	private ErasureRequest erasureRequest(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		OffsetDateTime requestedAt = rs.getObject("requested_at", OffsetDateTime.class);
		LocalDate extendedUntil = rs.getObject("extended_until", LocalDate.class);
		return new ErasureRequest(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("display_name"), rs.getString("email"), requestedAt,
				ErasureRequest.Status.valueOf(rs.getString("status")), rs.getObject("decided_at", OffsetDateTime.class),
				rs.getString("decline_reason"), requestedAt.atZoneSameInstant(clock.getZone()).toLocalDate().plusMonths(1),
				extendedUntil == null ? null
						: new ErasureRequest.Extension(extendedUntil, rs.getString("extension_reason"),
								rs.getObject("extended_at", OffsetDateTime.class)));
	}
}
