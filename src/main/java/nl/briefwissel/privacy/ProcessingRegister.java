package nl.briefwissel.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.organisation.LegalBasis;
import nl.briefwissel.organisation.PrivacyContacts;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.TrajectoryErasure;

import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The register of processing (AVG article 30) as this installation actually runs: retention
 * periods from each programme and from the settings, the mail relay and mailbox that see mail,
 * the employer's contact of each programme that names one, the database. Written from the
 * configuration every time, so it cannot drift from it.
 */
@Component
public class ProcessingRegister {

	/** One processing activity, in the reader's language. */
	public record Activity(String name, String data, String purpose, String legalBasis, List<String> retention,
			List<String> recipients) {
	}

	/** Who is responsible, and the activities. */
	public record Register(String controller, String dataProtectionOfficer, List<Activity> activities) {
	}

	private static final List<String> ACTIVITIES = List.of("coaching", "intake", "employer", "mail", "accounts", "audit",
			"statistics", "evaluation");

	/** The activities whose ground the organisation chose (decision 0138); the others have a ground of their own. */
	private static final List<String> BY_CHOSEN_BASIS = List.of("coaching", "intake", "mail");

	private final Programmes programmes;

	private final TrajectoryErasure trajectories;

	private final PrivacyContacts contacts;

	private final PrivacyProperties properties;

	private final Environment environment;

	private final MessageSource texts;

	ProcessingRegister(Programmes programmes, TrajectoryErasure trajectories, PrivacyContacts contacts, PrivacyProperties properties,
			Environment environment, MessageSource texts) {
		this.programmes = programmes;
		this.trajectories = trajectories;
		this.contacts = contacts;
		this.properties = properties;
		this.environment = environment;
		this.texts = texts;
	}

	public Register of(UUID organisationId, Locale locale) {
		List<Programme> ofOrganisation = programmes.ofOrganisation(organisationId);
		List<String> employerContacts = employerContacts(ofOrganisation, locale);
		String chosenBasis = basis(organisationId, locale);
		List<Activity> activities = new ArrayList<>();
		for (String key : ACTIVITIES) {
			if (key.equals("employer") && employerContacts.isEmpty()) {
				continue; // no programme names an employer's contact, so nothing goes to an employer
			}
			List<String> recipients = recipients(key, locale);
			if (key.equals("employer")) {
				recipients.addAll(1, employerContacts);
			}
			activities.add(new Activity(text("register." + key + ".name", locale), text("register." + key + ".data", locale),
					key.equals("coaching") ? text("register.coaching.purpose", locale, weeks(ofOrganisation, locale))
							: text("register." + key + ".purpose", locale),
					BY_CHOSEN_BASIS.contains(key) ? chosenBasis : text("register." + key + ".basis", locale),
					retention(key, ofOrganisation, locale), recipients));
		}
		String controller = properties.controller();
		String officer = properties.dataProtectionOfficer();
		if (controller.isBlank() || officer.isBlank()) {
			// Unset in the settings: the controllers as their organisations gave them on their privacy details,
			// the same the public statement names for anyone not taking part (one query, only when needed).
			List<PrivacyContacts.Controller> given = contacts.forReader(null).stream()
				.filter(c -> !c.nothingGiven())
				.toList();
			// An organisation's register names that organisation only: another municipality's details are not its
			// controller. An administrator of the installation (no organisation) reads every organisation's.
			if (organisationId != null) {
				given = given.stream().filter(c -> c.organisationId().equals(organisationId)).toList();
			}
			if (controller.isBlank()) {
				controller = given.isEmpty() ? text("register.controller.unset", locale)
						: String.join("; ", given.stream().map(c -> controllerLine(c, locale)).toList());
			}
			if (officer.isBlank()) {
				List<String> officers = given.stream()
					.filter(c -> c.dpoEmail() != null)
					.map(c -> text("register.dpo.of", locale, c.name(), c.dpoEmail()))
					.toList();
				officer = officers.isEmpty() ? text("register.dpo.unset", locale) : String.join("; ", officers);
			}
		}
		return new Register(controller, officer, activities);
	}

	/**
	 * The ground the organisation chose on its privacy details, with what fits it (withdrawal or objection). An
	 * administrator of the installation (no organisation) reads each ground with the organisations offering a
	 * programme that chose it, where they differ.
	 */
	private String basis(UUID organisationId, Locale locale) {
		if (organisationId != null) {
			return text("register.basis." + contacts.of(organisationId).legalBasis().name(), locale);
		}
		Map<LegalBasis, List<String>> byBasis = new LinkedHashMap<>();
		for (PrivacyContacts.Controller controller : contacts.forReader(null)) {
			byBasis.computeIfAbsent(controller.basis(), basis -> new ArrayList<>()).add(controller.name());
		}
		if (byBasis.size() <= 1) {
			return text("register.basis." + byBasis.keySet().stream().findFirst().orElse(LegalBasis.CONSENT).name(), locale);
		}
		return String.join(" ", byBasis.entrySet().stream()
			.map(e -> text("register.basis.of", locale, String.join(", ", e.getValue()),
					text("register.basis." + e.getKey().name(), locale)))
			.toList());
	}

	/** An organisation as controller: its name, and where to ask about privacy when it said so. */
	private String controllerLine(PrivacyContacts.Controller controller, Locale locale) {
		String reach = controller.email() != null ? controller.email() : controller.web();
		return reach == null ? controller.name() : text("register.controller.of", locale, controller.name(), reach);
	}

	/**
	 * How long the organisation's programmes run, as they are set: a fixed "six to eight weeks" here was
	 * read by a data protection officer as what every trajectory is, while a programme may set 4 to 12.
	 */
	private String weeks(List<Programme> ofOrganisation, Locale locale) {
		if (ofOrganisation.isEmpty()) {
			return text("register.coaching.weeks.unset", locale);
		}
		int shortest = ofOrganisation.stream().mapToInt(Programme::weeks).min().orElseThrow();
		int longest = ofOrganisation.stream().mapToInt(Programme::weeks).max().orElseThrow();
		return shortest == longest ? text("register.coaching.weeks.one", locale, shortest)
				: text("register.coaching.weeks.range", locale, shortest, longest);
	}

	private List<String> retention(String key, List<Programme> ofOrganisation, Locale locale) {
		return switch (key) {
			case "coaching" -> {
				List<String> periods = new ArrayList<>();
				if (ofOrganisation.isEmpty()) {
					periods.add(text("register.retention.noProgrammes", locale));
				}
				for (Programme programme : ofOrganisation) {
					periods.add(text("register.retention.programme", locale, programme.name(), programme.retentionMonths()));
					// A trajectory keeps the period its participant was told (decision 0134): the programme's of
					// today is not the period of everything it holds.
					List<Integer> earlier = trajectories.otherPeriodsKept(programme.id(), programme.retentionMonths());
					if (!earlier.isEmpty()) {
						periods.add(text("register.retention.programme.earlier", locale, programme.name(),
								earlier.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
					}
				}
				// A trajectory nobody ends is stopped when it falls silent, so that its period starts (decision 0108).
				periods.add(text("register.retention.silent", locale, days(environment.getProperty(
						"briefwissel.trajectory.stop-when-silent-after", java.time.Duration.class, java.time.Duration.ofDays(183)), locale)));
				yield periods;
			}
			case "intake" -> List.of(text("register.retention.intake", locale, days(properties.unfinishedApplicationKeptFor(), locale)));
			case "mail" -> {
				List<String> periods = new ArrayList<>(List.of(text("register.retention.mail.conversation", locale),
						text("register.retention.mail.sent", locale, days(properties.sentMailKeptFor(), locale)),
						text("register.retention.mail.unneeded", locale, days(properties.unneededMailKeptFor(), locale))));
				String mailbox = environment.getProperty("briefwissel.mail.imap.host", "");
				if (!mailbox.isBlank()) {
					// The mailbox's own copy (decision 0034): deleted after a while, or left to the mailbox's policy.
					java.time.Duration after = environment.getProperty("briefwissel.mail.imap.delete-stored-after",
							java.time.Duration.class, java.time.Duration.ofDays(35));
					periods.add(after.isZero() || after.isNegative() ? text("register.retention.mailbox.kept", locale, mailbox)
							: text("register.retention.mailbox", locale, mailbox, days(after, locale)));
				}
				yield periods;
			}
			case "audit" -> List.of(text("register.retention.audit", locale, days(properties.auditKeptFor(), locale)));
			case "employer" -> List.of(text("register.retention.employer.sent", locale),
					text("register.retention.mail.sent", locale, days(properties.sentMailKeptFor(), locale)));
			default -> List.of(text("register." + key + ".retention", locale));
		};
	}

	private List<String> recipients(String key, Locale locale) {
		List<String> recipients = new ArrayList<>();
		recipients.add(text("register." + key + ".recipients", locale));
		if (key.equals("coaching") || key.equals("mail") || key.equals("employer")) {
			String relay = environment.getProperty("briefwissel.mail.smtp.host", "");
			recipients.add(relay.isBlank() ? text("register.recipients.embeddedMail", locale)
					: text("register.recipients.relay", locale, relay));
			String mailbox = environment.getProperty("briefwissel.mail.imap.host", "");
			if (!mailbox.isBlank() && !key.equals("employer")) { // a confirmation is sent, never answered
				recipients.add(text("register.recipients.mailbox", locale, mailbox));
			}
		}
		String database = environment.getProperty("spring.datasource.url", "");
		recipients.add(text("register.recipients.database", locale,
				database.startsWith("jdbc:postgresql:") ? database.replaceAll("^jdbc:postgresql://([^/?]+).*", "$1")
						: text("register.recipients.embeddedDatabase", locale)));
		return recipients;
	}

	/**
	 * Each programme that names an employer's contact, with that address: the contact receives the name,
	 * programme and dates of start and completion of participants who agreed to it at intake.
	 */
	private List<String> employerContacts(List<Programme> ofOrganisation, Locale locale) {
		List<String> contacts = new ArrayList<>();
		for (Programme programme : ofOrganisation) {
			programmes.employerContact(programme.id())
				.ifPresent(contact -> contacts.add(text("register.recipients.employer", locale, programme.name(), contact)));
		}
		return contacts;
	}

	/**
	 * A number of days as this register and the privacy statement say it, so that the two agree: without a separator
	 * up to four digits (1095 dagen, as Dutch writes a number of four digits; MessageFormat made it 1.095 here while
	 * the statement said 1095), grouped as the reader's language does from five digits on (10.950 dagen; 10,950 days).
	 */
	public static String days(Duration duration, Locale locale) {
		long days = duration.toDays();
		return days < 10_000 ? Long.toString(days)
				: java.text.NumberFormat.getIntegerInstance(locale).format(days);
	}

	private String text(String key, Locale locale, Object... args) {
		return texts.getMessage(key, args, locale);
	}
}
