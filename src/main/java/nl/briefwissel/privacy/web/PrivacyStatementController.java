package nl.briefwissel.privacy.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.LegalBasis;
import nl.briefwissel.organisation.PrivacyContacts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The privacy statement anyone may read, with what GDPR article 13 asks to be told: who the controller is and
 * how to reach it and its data protection officer, on what basis, who else processes, transfers, automated
 * decisions and the right to complain. A participant or applicant reads the organisations of their own
 * programmes; anyone else every organisation offering one: one small query, nothing kept per reader. Since it
 * reads, the benchmark's floor is the accessibility statement, not this page (decision 0127).
 */
@Controller
class PrivacyStatementController {

	/** The parts after who is responsible, each a heading and a paragraph in the messages under privacy. */
	static final List<String> PARTS = List.of("what", "why", "basis", "see", "processors", "transfers", "mail", "keep",
			"automated", "rights", "staff", "complaint");

	/**
	 * A legal basis and the organisations shown that chose it (decision 0138), in the order the statement names them.
	 * Their names are said only where organisations shown differ in their basis.
	 */
	record Basis(LegalBasis basis, List<String> organisations) {

		/** The organisations' names for a sentence, each isolated (decision 0133). */
		public String named() {
			return String.join(", ", organisations.stream().map(nl.briefwissel.TypedName::isolated).toList());
		}
	}

	private final PrivacyContacts contacts;

	/** How long the audit trail is kept: the statement tells participants and staff alike. */
	private final Duration auditKeptFor;

	PrivacyStatementController(PrivacyContacts contacts,
			@Value("${briefwissel.privacy.audit-kept-for:1095d}") Duration auditKeptFor) {
		this.contacts = contacts;
		this.auditKeptFor = auditKeptFor;
	}

	@GetMapping("/privacy")
	String statement(@AuthenticationPrincipal SignedInAccount reader, java.util.Locale locale, Model model) {
		List<PrivacyContacts.Controller> controllers = contacts.forReader(reader == null ? null : reader.id());
		model.addAttribute("controllers", controllers);
		model.addAttribute("own", controllers.stream().anyMatch(PrivacyContacts.Controller::own));
		model.addAttribute("anyStatement", controllers.stream().anyMatch(c -> c.statement() != null));
		model.addAttribute("parts", PARTS);
		List<Basis> bases = bases(controllers);
		model.addAttribute("bases", bases);
		model.addAttribute("portability", portability(bases));
		// In days as the register of processing says them (1095, not 1.095): the two agree.
		model.addAttribute("auditDays", nl.briefwissel.privacy.ProcessingRegister.days(auditKeptFor, locale));
		return "privacy/statement";
	}

	/**
	 * What the rights say of portability for these bases: AVG article 20 applies under consent (and a contract, which
	 * no organisation here chooses), not under a public task or a legitimate interest. The download at My data is
	 * there either way, said as a service where the right does not apply. MIXED names the organisations that chose consent.
	 */
	record Portability(String key, String consenting) {
	}

	static Portability portability(List<Basis> bases) {
		List<Basis> consent = bases.stream().filter(b -> b.basis() == LegalBasis.CONSENT).toList();
		if (consent.isEmpty()) {
			return new Portability("privacy.rights.portability.NONE", "");
		}
		return consent.size() == bases.size() ? new Portability("privacy.rights.portability.CONSENT", "")
				: new Portability("privacy.rights.portability.MIXED", consent.get(0).named());
	}

	/** Each basis the organisations shown chose; consent, the default, when none is shown. */
	static List<Basis> bases(List<PrivacyContacts.Controller> controllers) {
		Map<LegalBasis, List<String>> byBasis = new LinkedHashMap<>();
		for (PrivacyContacts.Controller controller : controllers) {
			byBasis.computeIfAbsent(controller.basis(), basis -> new ArrayList<>()).add(controller.name());
		}
		if (byBasis.isEmpty()) {
			return List.of(new Basis(LegalBasis.CONSENT, List.of()));
		}
		return byBasis.entrySet().stream().map(e -> new Basis(e.getKey(), List.copyOf(e.getValue()))).toList();
	}
}
