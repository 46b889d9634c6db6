package nl.briefwissel.conversation.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.LinkTokens;
import nl.briefwissel.account.Role;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The participant confirms or declines an address their coach accepted for the trajectory (decision 0091),
 * by the link mailed to their own address, without signing in: many participants never do. The link's token
 * is the authority, also when someone is signed in as another account. The page says which address, for which
 * coach and programme; only the form's POST (with its CSRF token) changes anything, so a mail scanner that opens
 * the link answers nothing.
 */
@Controller
class AddressConfirmationController {

	/** The route as the audit trail writes it: never with the token, which works until it is answered. */
	private static final String ROUTE = "POST /address-confirmation/{token}";

	private final AcceptedAddresses accepted;

	private final AuditTrail trail;

	AddressConfirmationController(AcceptedAddresses accepted, AuditTrail trail) {
		this.accepted = accepted;
		this.trail = trail;
	}

	@GetMapping("/address-confirmation/{token}")
	String page(@PathVariable String token, Model model, HttpServletResponse response) {
		return accepted.byToken(token).map(asked -> {
			model.addAttribute("asked", asked);
			model.addAttribute("token", token);
			if (asked.accepted().state() == AcceptedAddresses.State.EXPIRED) {
				// Gone for good, to a scanner or a monitor; the page says to ask the coach.
				response.setStatus(HttpServletResponse.SC_GONE);
			}
			return "conversation/address-confirmation";
		}).orElseGet(() -> invalid(token, model, response));
	}

	/**
	 * A link that no longer works (asked again with a new one, withdrawn, erased) is 410 and says so; one that
	 * cannot be one of ours at all (broken off by a mail program) is 404 and says to take the whole link.
	 */
	private static String invalid(String token, Model model, HttpServletResponse response) {
		boolean whole = LinkTokens.plausible(token);
		model.addAttribute("incomplete", !whole);
		response.setStatus(whole ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
		return "conversation/address-confirmation-invalid";
	}

	/**
	 * Answered once; the page it leads to says how it stands, also to a second click. A second click of the same
	 * answer is answered as the first (200); another answer than the one that stands, or one the address's state no
	 * longer takes (the trajectory ended, the question let go of the address), was refused by that state: the page
	 * after the redirect answers 409 and is titled so (decision 0139, amended).
	 */
	@PostMapping("/address-confirmation/{token}")
	String answer(@PathVariable String token, @RequestParam(defaultValue = "") String answer, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var asked = accepted.byToken(token);
		if (asked.isEmpty()) {
			return invalid(token, model, response);
		}
		if (!answer.equals("confirm") && !answer.equals("decline")) {
			return page(token, model, response);
		}
		AcceptedAddresses.Answer answered = accepted.answerByToken(token, answer.equals("confirm"));
		if (answered != AcceptedAddresses.Answer.NOT_OPEN) {
			audit(trail, asked.get().trajectory(), answered, ROUTE);
			redirect.addFlashAttribute("answered", answered.name());
		}
		else if (!accepted.byToken(token).map(now -> now.accepted().state())
			.equals(Optional.of(answer.equals("confirm") ? AcceptedAddresses.State.CONFIRMED : AcceptedAddresses.State.DECLINED))) {
			RefusedForm.stateInTheWayAfter(redirect);
		}
		return "redirect:/address-confirmation/" + token;
	}

	/**
	 * On the trajectory's trail as its participant's answer (by the link: the token's holder, whoever is signed
	 * in), the route saying which way; without the address, which goes with the erasure while the trail stays.
	 */
	static void audit(AuditTrail trail, TrajectoryOverview trajectory, AcceptedAddresses.Answer answered, String route) {
		String what = answered == AcceptedAddresses.Answer.CONFIRMED ? "accepted address confirmed" : "accepted address declined";
		trail.record(new AuditEntry(null, null, trajectory.participantId(), trajectory.participantName(),
				trajectory.participantEmail(), Role.PARTICIPANT.name(), AuditAction.ADMINISTRATION, route, trajectory.id(), what,
				null));
	}
}
