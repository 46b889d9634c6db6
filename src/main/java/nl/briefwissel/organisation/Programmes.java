package nl.briefwissel.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import nl.briefwissel.TypedName;
import nl.briefwissel.RowLocks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class Programmes {

	private static final String COLUMNS = """
			select id, organisation_id, name, weeks, moments_per_week, reply_within_days, retention_months,
			       mail_mode, intake_address, jargon, public_intake
			from programme""";

	private final JdbcClient jdbc;

	private final Themes themes;

	private final IntakeMailboxes intakeMailboxes;

	private final Clock clock;

	private final RowLocks locks;

	Programmes(JdbcClient jdbc, Themes themes, IntakeMailboxes intakeMailboxes, Clock clock, DataSource dataSource) {
		this.jdbc = jdbc;
		this.locks = RowLocks.of(dataSource);
		this.themes = themes;
		this.intakeMailboxes = intakeMailboxes;
		this.clock = clock;
	}

	/**
	 * Creates a programme with the pilot's defaults and its programme link open: one set up whole at once, as demo
	 * data and imports make it. A programme manager's new programme starts with it closed (the form's create below).
	 * Its letters go by mail as {@code mailMode} says; none given is a notification with a link (decision 0142).
	 * Refused as the form's is, with nothing saved: {@link NameTakenException} for a name the organisation has,
	 * {@link OrganisationEndedException} for an organisation that has ended.
	 */
	@Transactional
	public Programme create(UUID organisationId, String name, String intakeAddress, MailMode mailMode) {
		return create(organisationId, name, intakeAddress, mailMode, null, true).programme();
	}

	/** What one press of the form did: made a programme, or found the one an earlier press of that form made. */
	public record Creation(Programme programme, boolean madeBefore) {
	}

	/**
	 * A programme manager's new programme, with the pilot's defaults and its programme link closed, once per form: a
	 * request with a form id already
	 * taken waits for the one that took it and gets back that one's programme, when it was for the same
	 * organisation and name. A form without an id (or one used for another programme) makes a new one. Its letters
	 * go by mail as the manager chose; none given is a notification with a link (decision 0142).
	 */
	@Transactional
	public Creation create(UUID organisationId, String typedName, String intakeAddress, MailMode mailMode, String form) {
		// Closed until the manager opens it: before its coaches and settings are as they should be, anyone with
		// the link could apply to a programme that was not ready (decision 0134).
		return create(organisationId, typedName, intakeAddress, mailMode, form, false);
	}

	private Creation create(UUID organisationId, String typedName, String intakeAddress, MailMode mailMode, String form,
			boolean publicIntake) {
		String name = TypedName.cleaned(typedName);
		UUID id = UUID.randomUUID();
		Optional<Programme> earlier = madeBefore(form, id).filter(programme -> programme.organisationId().equals(organisationId)
				&& programme.name().equals(name));
		if (earlier.isPresent()) {
			return new Creation(earlier.get(), true);
		}
		// The rules of every new programme, whoever makes it (the manager's form, demo data, an import): they were the
		// form's alone, and any other caller could make what the form refused. After the form's id, so that a double
		// click still lands on the first press's programme.
		// The same row an ending locks (Organisations.lockedToEnd): a creation that waited for an ending finds the
		// organisation ended and makes nothing, as the intake writers do (holdOrganisationOpen). Before, it went
		// ahead and left a programme, with its intake address taking in mail, in an organisation that had ended.
		if (jdbc.sql("select id from organisation where id = :organisation and ended_at is null " + locks.exclusive())
			.param("organisation", organisationId)
			.query(UUID.class)
			.list()
			.isEmpty()) {
			throw new OrganisationEndedException();
		}
		// A second programme of one name (in other capitals too, as organisations): two cards, and two lines in every
		// chooser, nobody could tell apart. The organisation's row, held above, is the turn to wait for: two of one
		// name at once (two tabs, two managers, two nodes) each counted none before the other wrote its programme. No
		// unique index: names stored before this may repeat.
		if (nameTaken(organisationId, name, null)) {
			throw new NameTakenException();
		}
		// Secure by default (decision 0142): the text of letters goes by ordinary mail only when someone chose that.
		Programme programme = new Programme(id, organisationId, name, Programme.DEFAULT_WEEKS,
				Programme.DEFAULT_MOMENTS_PER_WEEK, 2, 24, mailMode == null ? MailMode.NOTIFICATION : mailMode,
				normalised(intakeAddress), List.of(), publicIntake);
		writeWithIntakeAddress(programme.intakeAddress(), () -> jdbc.sql("""
				insert into programme (id, organisation_id, name, weeks, moments_per_week, reply_within_days,
				    retention_months, mail_mode, intake_address, public_intake, created_at)
				values (:id, :organisation, :name, :weeks, :moments, :reply, :retention, :mode, :intake, :open, :now)""")
			.param("id", programme.id())
			.param("organisation", organisationId)
			.param("name", name)
			.param("weeks", programme.weeks())
			.param("moments", programme.momentsPerWeek())
			.param("reply", programme.replyWithinDays())
			.param("retention", programme.retentionMonths())
			.param("mode", programme.mailMode().name())
			.param("intake", programme.intakeAddress())
			.param("open", publicIntake)
			.param("now", OffsetDateTime.now(clock))
			.update());
		themes.addDefaults(programme.id());
		intakeMailboxes.alias(programme.intakeAddress());
		return new Creation(programme, false);
	}

	/**
	 * Whether the organisation has a programme of this name (in other capitals too) other than {@code except}: the
	 * form's check, beside its other fields, so that all it refuses is said at once. {@code except} is the programme
	 * the same form made at an earlier press ({@link #madeBy}), which a double click lands on rather than is refused
	 * by. The creation checks again, in turn with any other creation for the organisation.
	 */
	public boolean nameTaken(UUID organisationId, String typedName, UUID except) {
		var statement = jdbc.sql("select count(*) from programme where organisation_id = :organisation and lower(name) = lower(:name)"
				+ (except == null ? "" : " and id <> :except"))
			.param("organisation", organisationId)
			.param("name", TypedName.cleaned(typedName));
		if (except != null) {
			statement = statement.param("except", except);
		}
		return statement.query(Long.class).single() > 0;
	}

	/** The programme that a form of this id made, if one did (committed). */
	public Optional<UUID> madeBy(String form) {
		if (form == null) {
			return Optional.empty();
		}
		return jdbc.sql("select programme_id from programme_creation where form_id = :form")
			.param("form", form)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Takes the form's id for the programme {@code programmeId} about to be written, before it is
	 * written (the row is the key, decision 0006): the second of two requests waits here until the
	 * first commits, then finds the id taken and reads which programme it made. A first request that
	 * fails rolls the id back with it, so the next try of that form is a first again.
	 */
	private Optional<Programme> madeBefore(String form, UUID programmeId) {
		if (form == null) {
			return Optional.empty();
		}
		boolean first = jdbc.sql("""
				insert into programme_creation (form_id, programme_id, created_at) values (:form, :programme, :now)
				on conflict do nothing""")
			.param("form", form)
			.param("programme", programmeId)
			.param("now", OffsetDateTime.now(clock))
			.update() == 1;
		if (first) {
			return Optional.empty();
		}
		return jdbc.sql(COLUMNS + " where id = (select programme_id from programme_creation where form_id = :form)")
			.param("form", form)
			.query(Programmes::map)
			.optional();
	}

	public Optional<Programme> byId(UUID id) {
		return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(Programmes::map).optional();
	}

	/**
	 * Whether this programme's organisation has not ended, its row then held shared until the transaction
	 * ends: a writer that makes an application, an account or a trajectory for it takes turns with the ending,
	 * which locks that row for update (decision 0073).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean holdOrganisationOpen(UUID programmeId) {
		return !jdbc.sql("select id from organisation where id = (select organisation_id from programme where id = :programme) "
				+ "and ended_at is null " + locks.shared())
			.param("programme", programmeId)
			.query(UUID.class)
			.list()
			.isEmpty();
	}

	public List<Programme> ofOrganisation(UUID organisationId) {
		return jdbc.sql(COLUMNS + " where organisation_id = :organisation order by name")
			.param("organisation", organisationId)
			.query(Programmes::map)
			.list();
	}

	/** The settings a programme manager keeps; ranges are checked by the caller's form. */
	public record Settings(int weeks, int momentsPerWeek, int replyWithinDays, int retentionMonths, MailMode mailMode,
			String intakeAddress) {
	}

	/** Changes the settings; trajectories that already started keep the rhythm they started with. */
	@Transactional
	public void changeSettings(UUID programmeId, Settings settings) {
		String before = jdbc.sql("select intake_address from programme where id = :id").param("id", programmeId)
			.query(String.class)
			.optional()
			.orElse(null);
		writeWithIntakeAddress(normalised(settings.intakeAddress()), () -> jdbc.sql("""
				update programme set weeks = :weeks, moments_per_week = :moments, reply_within_days = :reply,
				    retention_months = :retention, mail_mode = :mode, intake_address = :intake
				where id = :id""")
			.param("weeks", settings.weeks())
			.param("moments", settings.momentsPerWeek())
			.param("reply", settings.replyWithinDays())
			.param("retention", settings.retentionMonths())
			.param("mode", settings.mailMode().name())
			.param("intake", normalised(settings.intakeAddress()))
			.param("id", programmeId)
			.update());
		String after = normalised(settings.intakeAddress());
		if (before != null && !before.equals(after)) {
			intakeMailboxes.dropAlias(before);
		}
		intakeMailboxes.alias(after);
	}

	/** The organisation has a programme of this name already; nothing was saved. */
	public static final class NameTakenException extends RuntimeException {

		NameTakenException() {
			super("the organisation has a programme of this name");
		}
	}

	/** The organisation has ended (or is no more): no programme is made in it; nothing was saved. */
	public static final class OrganisationEndedException extends RuntimeException {

		OrganisationEndedException() {
			super("the organisation has ended");
		}
	}

	/** Another programme takes in mail on this address already; nothing was saved. */
	public static final class IntakeAddressTakenException extends RuntimeException {

		IntakeAddressTakenException(String address) {
			super("intake address is another programme's: " + address.length() + " characters");
		}
	}

	/**
	 * Writes a programme with its intake address; the unique index decides between two that ask for
	 * one address at once (the form's check alone let a double click give it to both).
	 */
	private void writeWithIntakeAddress(String address, Runnable write) {
		try {
			write.run();
		}
		catch (org.springframework.dao.DuplicateKeyException taken) {
			throw new IntakeAddressTakenException(address == null ? "" : address);
		}
	}

	/** The programme whose intake address this is, to turn a mail into an intake. */
	public Optional<Programme> byIntakeAddress(String address) {
		String normalised = normalised(address);
		if (normalised == null) {
			return Optional.empty();
		}
		return jdbc.sql(COLUMNS + " where intake_address = :address").param("address", normalised).query(Programmes::map).optional();
	}

	/**
	 * The employer's contact (usually HR) who may receive a confirmation of start and completion,
	 * for participants who agreed to that; none means no confirmations at all.
	 */
	public Optional<String> employerContact(UUID programmeId) {
		return jdbc.sql("select employer_contact from programme where id = :id")
			.param("id", programmeId)
			.query(String.class)
			.optional()
			.filter(address -> address != null && !address.isBlank());
	}

	@Transactional
	public void changeEmployerContact(UUID programmeId, String address) {
		jdbc.sql("update programme set employer_contact = :address where id = :id")
			.param("address", address == null || address.isBlank() ? null : address.strip())
			.param("id", programmeId)
			.update();
	}

	/**
	 * What the programme of an organisation that ended keeps of its settings: none that names anyone or
	 * takes anything in. Its intake address and public link stop taking applications, its employer contact
	 * and jargon go; its name, rhythm and themes stay for the anonymous figures (decision 0073).
	 */
	@Transactional
	public void forgetSettingsOf(UUID programmeId) {
		String address = jdbc.sql("select intake_address from programme where id = :id").param("id", programmeId)
			.query(String.class)
			.optional()
			.orElse(null);
		jdbc.sql("""
				update programme set intake_address = null, employer_contact = null, jargon = null, public_intake = false
				where id = :id""")
			.param("id", programmeId)
			.update();
		intakeMailboxes.dropAlias(address);
	}

	/** Opens or closes the public intake link; invitations keep working either way. */
	@Transactional
	public void openPublicIntake(UUID programmeId, boolean open) {
		jdbc.sql("update programme set public_intake = :open where id = :id").param("open", open).param("id", programmeId).update();
	}

	private static String normalised(String address) {
		return address == null || address.isBlank() ? null : address.strip().toLowerCase(java.util.Locale.ROOT);
	}

	/** How the jargon list is stored: one text, the words separated by this. */
	public static final String JARGON_SEPARATOR = ", ";

	/** The most the stored jargon list can hold, separators included: the column's width (V7). */
	public static final int JARGON_LENGTH = 4000;

	/**
	 * Sets the programme's own jargon list (words a participant need not know), comma separated; the
	 * caller sees to it that it fits {@link #JARGON_LENGTH}.
	 */
	@Transactional
	public void changeJargon(UUID programmeId, List<String> words) {
		jdbc.sql("update programme set jargon = :jargon where id = :id")
			.param("jargon", String.join(JARGON_SEPARATOR, words))
			.param("id", programmeId)
			.update();
	}

	private static List<String> words(String list) {
		if (list == null || list.isBlank()) {
			return List.of();
		}
		return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(word -> !word.isEmpty()).toList();
	}

	private static Programme map(ResultSet rs, int row) throws SQLException {
		return new Programme(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
				rs.getString("name"), rs.getInt("weeks"), rs.getInt("moments_per_week"), rs.getInt("reply_within_days"),
				rs.getInt("retention_months"), MailMode.valueOf(rs.getString("mail_mode")),
				rs.getString("intake_address"), words(rs.getString("jargon")), rs.getBoolean("public_intake"));
	}
}
