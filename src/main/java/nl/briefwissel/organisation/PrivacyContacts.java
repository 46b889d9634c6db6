package nl.briefwissel.organisation;

import java.io.Serializable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.TypedName;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whom a person turns to about their data: the organisation offering a programme is its controller (GDPR
 * article 13), and names here how it wants to be shown, where to ask about privacy, its data protection
 * officer and its own privacy statement. Everything is optional: the public statement says honestly to ask
 * the organisation for what is missing, rather than show an empty field.
 */
@Repository
public class PrivacyContacts {

	static final int MAX_NAME = 200;

	/** Nobody signed in: the reader of the statement with no trajectory, so the statement lists every organisation. */
	private static final UUID NOBODY = new UUID(0, 0);

	/**
	 * An organisation's privacy details as an administrator typed them; blank is not given. {@code basis} is the
	 * name of a {@link LegalBasis} as the form sent it (null: the form did not send one).
	 */
	public record Details(String controllerName, String email, String web, String dpoEmail, String statement, String basis)
			implements Serializable {

		public static final Details NONE = new Details("", "", "", "", "");

		public Details {
			controllerName = stripped(controllerName);
			email = stripped(email);
			web = stripped(web);
			dpoEmail = stripped(dpoEmail);
			statement = stripped(statement);
			basis = basis == null ? null : basis.strip();
		}

		/** Contacts with the default basis, consent. */
		public Details(String controllerName, String email, String web, String dpoEmail, String statement) {
			this(controllerName, email, web, dpoEmail, statement, LegalBasis.CONSENT.name());
		}

		/** The same contacts on another basis. */
		public Details withBasis(LegalBasis chosen) {
			return new Details(controllerName, email, web, dpoEmail, statement, chosen.name());
		}

		/** The basis chosen; consent when none was sent or it is not one of the three (then {@link #problems()} says so). */
		public LegalBasis legalBasis() {
			return LegalBasis.named(basis).orElse(LegalBasis.CONSENT);
		}

		/**
		 * What is wrong with each field, as a message key by field name in the order of the form; empty when all
		 * may be saved. Every field is checked, so the administrator corrects them in one go.
		 */
		public Map<String, String> problems() {
			Map<String, String> problems = new LinkedHashMap<>();
			if (controllerName.length() > MAX_NAME) {
				problems.put("controllerName", "organisation.privacy.error.controllerName");
			}
			else if (TypedName.hidesCharacters(controllerName)) {
				// Shown on the public statement and in the register, followed by an address an override would turn.
				problems.put("controllerName", "name.error.hidden");
			}
			if (!email.isEmpty() && !PublicContact.mailable(email)) {
				problems.put("email", "organisation.privacy.error.email");
			}
			if (!web.isEmpty() && !PublicContact.secureLink(web)) {
				problems.put("web", "organisation.privacy.error.web");
			}
			if (!dpoEmail.isEmpty() && !PublicContact.mailable(dpoEmail)) {
				problems.put("dpoEmail", "organisation.privacy.error.dpoEmail");
			}
			if (!statement.isEmpty() && !PublicContact.secureLink(statement)) {
				problems.put("statement", "organisation.privacy.error.statement");
			}
			if (basis != null && LegalBasis.named(basis).isEmpty()) {
				problems.put("basis", "organisation.privacy.error.basis");
			}
			return problems;
		}

		private static String stripped(String typed) {
			return typed == null ? "" : typed.strip();
		}
	}

	/**
	 * The controller of a programme as the privacy statement shows it: the name it gave or else its own, and
	 * each contact only when it was given (null otherwise). {@code own}: the reader takes part in one of its
	 * programmes.
	 */
	public record Controller(UUID organisationId, String name, String email, String web, String dpoEmail, String statement,
			boolean own, LegalBasis basis) {

		public boolean reachable() {
			return email != null || web != null;
		}

		public boolean nothingGiven() {
			return !reachable() && dpoEmail == null && statement == null;
		}
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PrivacyContacts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What the organisation gave; {@link Details#NONE} when nothing yet. */
	public Details of(UUID organisation) {
		return jdbc.sql("""
				select controller_name, contact_email, contact_url, dpo_email, statement_url, legal_basis
				from organisation_privacy where organisation_id = :id""")
			.param("id", organisation)
			.query((rs, n) -> new Details(rs.getString("controller_name"), rs.getString("contact_email"), rs.getString("contact_url"),
					rs.getString("dpo_email"), rs.getString("statement_url"), rs.getString("legal_basis")))
			.optional()
			.orElse(Details.NONE);
	}

	/** Saves details that passed {@link Details#problems()}; a blank field is stored as not given. */
	@Transactional
	public void save(UUID organisation, Details details) {
		if (!details.problems().isEmpty() || details.basis() == null) {
			throw new IllegalArgumentException("privacy details with problems " + details.problems().keySet() + " or no basis");
		}
		var values = Map.of("id", organisation, "now", OffsetDateTime.now(clock));
		int updated = jdbc.sql("""
				update organisation_privacy set controller_name = :name, contact_email = :email, contact_url = :web,
				       dpo_email = :dpo, statement_url = :statement, legal_basis = :basis, changed_at = :now
				where organisation_id = :id""")
			.params(values)
			.params(columns(details))
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into organisation_privacy (organisation_id, controller_name, contact_email, contact_url, dpo_email,
					                                  statement_url, legal_basis, changed_at)
					values (:id, :name, :email, :web, :dpo, :statement, :basis, :now)""")
				.params(values)
				.params(columns(details))
				.update();
		}
	}

	/**
	 * The controllers the privacy statement names for this reader, in one query: the organisations of the
	 * programmes they take part in or applied for, or, for anyone else (null: not signed in), every
	 * organisation that offers a programme. An ended organisation is left out either way (decision 0073).
	 */
	public List<Controller> forReader(UUID readerOrNull) {
		return jdbc.sql("""
				select o.id, o.name, pp.controller_name, pp.contact_email, pp.contact_url, pp.dpo_email, pp.statement_url, pp.legal_basis,
				       o.id in (select p.organisation_id from trajectory t join programme p on p.id = t.programme_id
				                where t.participant_id = :reader and t.erased_at is null) as own
				from organisation o left join organisation_privacy pp on pp.organisation_id = o.id
				where o.ended_at is null
				  and (o.id in (select p.organisation_id from trajectory t join programme p on p.id = t.programme_id
				                where t.participant_id = :reader and t.erased_at is null)
				       or not exists (select 1 from trajectory t where t.participant_id = :reader and t.erased_at is null)
				          and exists (select 1 from programme p where p.organisation_id = o.id))
				order by lower(o.name), o.id""")
			.param("reader", readerOrNull == null ? NOBODY : readerOrNull)
			.query((rs, n) -> {
				String controllerName = rs.getString("controller_name");
				return new Controller(rs.getObject("id", UUID.class),
						controllerName == null ? rs.getString("name") : controllerName, rs.getString("contact_email"),
						rs.getString("contact_url"), rs.getString("dpo_email"), rs.getString("statement_url"), rs.getBoolean("own"),
						// No row yet: consent, as the column's default (V108).
						LegalBasis.named(rs.getString("legal_basis")).orElse(LegalBasis.CONSENT));
			})
			.list();
	}

	private static Map<String, Object> columns(Details details) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("name", orNull(TypedName.cleaned(details.controllerName())));
		columns.put("email", orNull(details.email()));
		columns.put("web", orNull(details.web()));
		columns.put("dpo", orNull(details.dpoEmail()));
		columns.put("statement", orNull(details.statement()));
		columns.put("basis", details.legalBasis().name());
		return columns;
	}

	private static String orNull(String value) {
		return value.isEmpty() ? null : value;
	}
}
