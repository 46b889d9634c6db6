package nl.briefwissel.conversation.web;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.trajectory.Trajectories;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coach withdraws an address accepted for their trajectory (decision 0089): mail from it is held
 * back again. Only the trajectory's own coach (under /coach, so never a programme manager); on the
 * audit trail, as its accepting is.
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
