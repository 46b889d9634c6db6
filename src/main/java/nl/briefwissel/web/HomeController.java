package nl.briefwissel.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.PrivacyContacts;
import nl.briefwissel.organisation.PublicContact;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each person to the start page of their role; shows the accessibility statement to anyone (the privacy statement is the privacy module's). */
@Controller
class HomeController {

	/** The day the statement's text was last reviewed: changed with the text. */
	static final String STATEMENT_DATE = "2026-12-07";

	/**
	 * Where anyone reports what does not work for them, from the setting: a mailto: or https link, or null when
	 * not set. Then the statement names each organisation's privacy contact ({@link #organisationContacts}), and
	 * says whom to tell in words.
	 */
	private final String contact;

	/**
	 * How long the organisations' contacts are kept between reads: the statement is the benchmark's floor (decision
	 * 0127), so it reads them once a minute at most, not on every view. A contact changed shows within that minute.
	 */
	static final Duration CONTACTS_KEPT = Duration.ofMinutes(1);

	/** A way to report a problem to an organisation: its name and a mailto: or https link, with the link as shown. */
	record OrganisationContact(String name, String link, String shown) {
	}

	private record Read(List<OrganisationContact> contacts, long atNanos) {
	}

	private final PrivacyContacts privacyContacts;

	private volatile Read read;

	/** The contact as shown: the address without mailto:, or the link. */
	private final String contactText;

	/**
	 * The day the statement was drawn up (the Dutch model statement names it), from the setting as well: the day this
	 * text was last reviewed by default, an organisation's own day after its own evaluation.
	 */
	private final LocalDate statementDate;

	/** Without the organisations' contacts: as the tests of the setting build it. */
	HomeController(String contact, String statementDate) {
		this(contact, statementDate, null);
	}

	@Autowired
	HomeController(@Value("${briefwissel.accessibility.contact:}") String contact,
			@Value("${briefwissel.accessibility.statement-date:" + STATEMENT_DATE + "}") String statementDate,
			PrivacyContacts privacyContacts) {
		this.privacyContacts = privacyContacts;
		try {
			// Left empty (BRIEFWISSEL_ACCESSIBILITY_STATEMENT_DATE= in a compose file) is not set: the default, not a failed start.
			this.statementDate = LocalDate.parse(statementDate.isBlank() ? STATEMENT_DATE : statementDate.strip());
		}
		catch (java.time.format.DateTimeParseException notADay) {
			throw new IllegalArgumentException(
					"briefwissel.accessibility.statement-date must be a day written as 2026-12-07, not " + statementDate, notADay);
		}
		String given = contact.strip();
		if (given.isEmpty()) {
			this.contact = null;
			this.contactText = null;
		}
		// The privacy statement's check for its contacts: the two statements link to the same kinds of contact.
		else if (PublicContact.secureLink(given)) {
			this.contact = given;
			this.contactText = given;
		}
		else if (PublicContact.mailable(given)) {
			this.contact = "mailto:" + given;
			this.contactText = given;
		}
		else {
			throw new IllegalArgumentException(
					"briefwissel.accessibility.contact must be an e-mail address or an https:// link, not " + given);
		}
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInAccount account) {
		if (account.hasNoRole()) {
			return "web/waiting-for-role";
		}
		return "redirect:" + Navigation.startPage(account.primaryRole());
	}

	@GetMapping("/accessibility")
	String accessibility(Model model) {
		model.addAttribute("contact", contact);
		model.addAttribute("contactText", contactText);
		// Without the setting an applicant, who has no coach yet, was given no address at all (WCAG asks for a way to give feedback).
		model.addAttribute("organisationContacts", contact == null ? organisationContacts() : List.of());
		model.addAttribute("statementDate", statementDate);
		return statement(model, "accessibility", List.of("standard", "tested", "known", "status", "contact", "enforcement"));
	}

	/**
	 * The privacy contact of each organisation that offers a programme and gave an address or a web page: the
	 * organisation answers for the statement too. Its address first, else its page.
	 */
	private List<OrganisationContact> organisationContacts() {
		if (privacyContacts == null) {
			return List.of();
		}
		Read last = read;
		long now = System.nanoTime();
		if (last == null || now - last.atNanos() > CONTACTS_KEPT.toNanos()) {
			List<OrganisationContact> contacts = privacyContacts.forReader(null)
				.stream()
				.filter(PrivacyContacts.Controller::reachable)
				.map(c -> c.email() != null ? new OrganisationContact(c.name(), "mailto:" + c.email(), c.email())
						: new OrganisationContact(c.name(), c.web(), c.web()))
				.toList();
			last = new Read(contacts, now);
			read = last;
		}
		return last.contacts();
	}

	/** The next view reads the organisations' contacts again, as after a minute. */
	void forgetOrganisationContacts() {
		read = null;
	}

	private static String statement(Model model, String prefix, List<String> parts) {
		model.addAttribute("prefix", prefix);
		model.addAttribute("parts", parts);
		return "web/statement";
	}
}
