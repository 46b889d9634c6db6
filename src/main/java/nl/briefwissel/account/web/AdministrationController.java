package nl.briefwissel.account.web;

import java.util.UUID;

import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachWork;
import nl.briefwissel.account.RoleRemovals;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignInAttempts;
import nl.briefwissel.account.SignedInAccount;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's start page: everyone who can sign in, with their roles and sign-in state;
 * unlocking an account and letting someone set up their authenticator app again (a lost phone).
 */
@Controller
class AdministrationController {

	private final Accounts accounts;

	private final SecondFactors secondFactors;

	private final SignInAttempts attempts;

	private final CoachWork coachWork;

	private final RoleRemovals roleRemovals;

	AdministrationController(Accounts accounts, SecondFactors secondFactors, SignInAttempts attempts, CoachWork coachWork,
			RoleRemovals roleRemovals) {
		this.coachWork = coachWork;
		this.roleRemovals = roleRemovals;
		this.accounts = accounts;
		this.secondFactors = secondFactors;
		this.attempts = attempts;
	}

	@GetMapping("/admin")
	String accounts(Model model) {
		model.addAttribute("accounts", accounts.all());
		model.addAttribute("withApp", secondFactors.withApp());
		model.addAttribute("locked", attempts.lockedNow());
		model.addAttribute("roles", Role.values());
		return "account/admin";
	}

	@PostMapping("/admin/accounts/{id}/unlock")
	String unlock(@PathVariable UUID id, RedirectAttributes redirect) {
		attempts.succeeded(existing(id));
		redirect.addFlashAttribute("unlocked", id);
		return "redirect:/admin";
	}

	@PostMapping("/admin/accounts/{id}/second-factor/reset")
	String resetSecondFactor(@PathVariable UUID id, RedirectAttributes redirect) {
		secondFactors.switchOff(existing(id));
		redirect.addFlashAttribute("appReset", id);
		return "redirect:/admin";
	}

	/**
	 * Grants or takes back a role. A granted role counts from the person's next sign-in; a role taken
	 * back ends their sessions at once (an administrator's own sessions stay: they see the change on
	 * their next sign-in).
	 */
	@PostMapping("/admin/accounts/{id}/roles")
	String changeRole(@PathVariable UUID id, @RequestParam(required = false) Role role, @RequestParam boolean grant,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		existing(id);
		if (role == null) {
			// An empty choice (or a page left open while the last role was given elsewhere) gets a
			// sentence on the page, not the generic error page.
			return refused(redirect, id, "admin.accounts.noRoleChosen", 0);
		}
		if (!grant && role == Role.ADMINISTRATOR && id.equals(me.id())) {
			// Nobody locks themselves out of administration by accident.
			return refused(redirect, id, "admin.accounts.roleProblem", 0);
		}
		if (grant) {
			accounts.addRole(id, role);
		}
		else {
			switch (roleRemovals.takeBack(id, role)) {
				case LAST_ADMINISTRATOR -> {
					return refused(redirect, id, "admin.accounts.lastAdministrator", 0);
				}
				case STILL_COACHING -> {
					// Their participants would write on into a conversation nobody reads: the trajectories go to
					// another coach, or end, first.
					return refused(redirect, id, "admin.accounts.stillCoaching", coachWork.underway(id));
				}
				case STILL_TAKING_PART -> {
					// They would lose their letters, their export and their erasure request while their coach
					// writes on: the trajectory ends, or is erased, first.
					return refused(redirect, id, "admin.accounts.stillTakingPart", coachWork.takingPart(id));
				}
				case REMOVED -> {
					if (!id.equals(me.id())) {
						accounts.endSessions(id);
					}
				}
				case NOT_HELD -> {
				}
			}
		}
		redirect.addFlashAttribute("roleChanged", id);
		return "redirect:/admin";
	}

	private static String refused(RedirectAttributes redirect, UUID id, String why, int count) {
		redirect.addFlashAttribute("roleProblem", id);
		redirect.addFlashAttribute("roleProblemWhy", why);
		redirect.addFlashAttribute("roleProblemCount", count);
		return "redirect:/admin";
	}

	private UUID existing(UUID id) {
		return accounts.byId(id).map(account -> account.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
