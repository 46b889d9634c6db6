package nl.briefwissel.conversation.web;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coach withdraws an address accepted for their trajectory (decision 0089), in whatever state, or asks
 * the participant again to confirm it (decision 0091), once a day at most: mail from it is held back until
 * they confirm. Only the trajectory's own coach (under /coach, so never a programme manager). The signed-in
 * participant confirms or declines one on their conversation page, for their own trajectory only, and stops a
 * confirmed one counting there (decision 0102). Each is on the audit trail, as accepting is.
 */
@Controller
class AcceptedAddressesController {

	private final AcceptedAddresses accepted;

	private final Trajectories trajectories;

	private final AuditTrail trail;

	AcceptedAddressesController(AcceptedAddresses accepted, Trajectories trajectories, AuditTrail trail) {
		this.accepted = accepted;
		this.trajectories = trajectories;
		this.trail = trail;
	}

	@PostMapping("/coach/trajectories/{id}/accepted-addresses/withdraw")
	String withdraw(@PathVariable UUID id, @RequestParam String address, @AuthenticationPrincipal SignedInAccount me,
			HttpServletRequest request, RedirectAttributes redirect) {
		trajectories.withContent(id).filter(trajectory -> trajectory.coachedBy(me.id()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (accepted.withdraw(id, address)) {
			audit(trail, me, request, id, "accepted address withdrawn");
			redirect.addFlashAttribute("withdrawnAddress", address.strip());
		}
		return "redirect:/coach/trajectories/" + id + "#accepted-addresses";
	}

	@PostMapping("/coach/trajectories/{id}/accepted-addresses/ask-again")
	String askAgain(@PathVariable UUID id, @RequestParam String address, @AuthenticationPrincipal SignedInAccount me,
			HttpServletRequest request, RedirectAttributes redirect) {
		trajectories.withContent(id).filter(trajectory -> trajectory.coachedBy(me.id()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		AcceptedAddresses.AskedAgain asked = accepted.askAgain(id, address);
		if (asked instanceof AcceptedAddresses.AskedAgain.Sent) {
			audit(trail, me, request, id, "accepted address asked again");
			redirect.addFlashAttribute("askedAgain", address.strip());
		}
		else if (asked instanceof AcceptedAddresses.AskedAgain.TooSoon soon) {
			redirect.addFlashAttribute("askAgainFrom", soon.from());
			RefusedForm.stateInTheWayAfter(redirect); // asked too recently: nothing typed was wrong
		}
		else if (asked instanceof AcceptedAddresses.AskedAgain.Refused refused) {
			redirect.addFlashAttribute("askAgainRefused", refused.refusal().name());
			RefusedForm.stateInTheWayAfter(redirect);
		}
		// Confirmed or withdrawn meanwhile (another tab): the list says how it stands.
		return "redirect:/coach/trajectories/" + id + "#accepted-addresses";
	}

	/** The signed-in participant answers on their conversation page: their own trajectory only, else 404. */
	@PostMapping("/participant/accepted-addresses/answer")
	String answer(@RequestParam UUID trajectory, @RequestParam String address, @RequestParam String answer,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		TrajectoryOverview own = trajectories.withContent(trajectory).filter(t -> me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!answer.equals("confirm") && !answer.equals("decline")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		AcceptedAddresses.Answer answered = accepted.answer(trajectory, address, answer.equals("confirm"));
		if (answered != AcceptedAddresses.Answer.NOT_OPEN) {
			AddressConfirmationController.audit(trail, own, answered, "POST /participant/accepted-addresses/answer");
		}
		redirect.addFlashAttribute("addressAnswered", answered.name());
		redirect.addFlashAttribute("answeredAddress", address.strip());
		return "redirect:/participant/conversation?trajectory=" + trajectory + "#address-answered";
	}

	/**
	 * The signed-in participant stops a confirmed address counting, for their own trajectory only (else 404). First
	 * a page that asks, made by this POST without {@code confirmed}, so that it needs no script and the address never
	 * stands in an address bar; its form's POST withdraws. Refused once the trajectory ended, as their answers and
	 * letters are, saying so on their conversation page. On the trail as the coach's withdrawal is, by them.
	 */
	@PostMapping("/participant/accepted-addresses/withdraw")
	String withdrawByParticipant(@RequestParam UUID trajectory, @RequestParam String address,
			@RequestParam(defaultValue = "false") boolean confirmed, @AuthenticationPrincipal SignedInAccount me,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		TrajectoryOverview own = trajectories.withContent(trajectory).filter(t -> me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		AcceptedAddresses.Withdrawal withdrawal;
		if (confirmed) {
			withdrawal = accepted.withdrawByParticipant(trajectory, address);
			if (withdrawal == AcceptedAddresses.Withdrawal.WITHDRAWN) {
				audit(trail, me, request, trajectory, "accepted address withdrawn by the participant");
			}
		}
		else if (accepted.withdrawnBefore(trajectory, address)) {
			withdrawal = AcceptedAddresses.Withdrawal.ALREADY_WITHDRAWN;
		}
		else if (own.status().ended()) {
			withdrawal = AcceptedAddresses.Withdrawal.ENDED;
		}
		else if (accepted.counting(trajectory).stream().noneMatch(a -> a.address().equalsIgnoreCase(address.strip()))) {
			withdrawal = AcceptedAddresses.Withdrawal.NOT_COUNTING;
		}
		else {
			model.addAttribute("trajectory", own);
			model.addAttribute("address", address.strip());
			return "conversation/address-withdraw";
		}
		redirect.addFlashAttribute("addressWithdrawal", withdrawal.name());
		redirect.addFlashAttribute("withdrawalAddress", address.strip());
		return "redirect:/participant/conversation?trajectory=" + trajectory + "#address-withdrawal";
	}

	/**
	 * On the trail as a change to the trajectory, by whom; without the address, which is the participant's
	 * and goes with the trajectory's erasure while the trail stays.
	 */
	static void audit(AuditTrail trail, SignedInAccount me, HttpServletRequest request, UUID trajectoryId, String what) {
		trail.record(new AuditEntry(null, null, me.id(), me.displayName(), me.email(),
				me.roles().stream().sorted().map(Role::name).collect(Collectors.joining(",")), AuditAction.ADMINISTRATION,
				request.getMethod() + " " + request.getRequestURI(), trajectoryId, what, null));
	}
}
