package nl.briefwissel.account.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachWork;
import nl.briefwissel.account.RoleRemovals;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignInAttempts;
import nl.briefwissel.account.SignInSecurity;
import nl.briefwissel.account.SignedInAccount;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The administrator's start page: everyone who can sign in, found by name, address or role, with
 * their roles and sign-in state; unlocking an account, letting someone set up their authenticator app
 * again (a lost phone) and clearing a binding to the organisation's provider.
 */
@Controller
class AdministrationController {

	private final Accounts accounts;

	private final SecondFactors secondFactors;

	private final SignInAttempts attempts;

	private final CoachWork coachWork;

	private final RoleRemovals roleRemovals;

	private final SignInSecurity signIn;

	AdministrationController(Accounts accounts, SecondFactors secondFactors, SignInAttempts attempts, CoachWork coachWork,
			RoleRemovals roleRemovals, SignInSecurity signIn) {
		this.signIn = signIn;
		this.coachWork = coachWork;
		this.roleRemovals = roleRemovals;
		this.accounts = accounts;
		this.secondFactors = secondFactors;
		this.attempts = attempts;
	}

	/** How many accounts the page lists at a time. */
	static final int ACCOUNTS_PER_PAGE = 50;

	/**
	 * The accounts a search finds, a page at a time: a text in the name or the address, a role or
	 * none. Each action's form carries the search back ({@code back}), so that the administrator
	 * returns to the same list.
	 */
	@GetMapping("/admin")
	String accounts(@RequestParam(required = false) String search, @RequestParam(required = false) String holding,
			@RequestParam(required = false) String page, @AuthenticationPrincipal SignedInAccount me, Model model) {
		Accounts.AccountSearch asked = new Accounts.AccountSearch(search == null ? "" : search.strip(), holding(holding));
		long total = accounts.count(asked);
		Pages list = Pages.of(total, PageNumber.of(page), ACCOUNTS_PER_PAGE);
		List<Account> found = accounts.find(asked, list.offset(), list.limit());
		model.addAttribute("accounts", found);
		model.addAttribute("bound", accounts.boundToProvider(found.stream().map(Account::id).toList()));
		model.addAttribute("search", asked);
		model.addAttribute("list", list);
		model.addAttribute("back", list(asked, list.page()).replaceFirst("^/admin\\??", ""));
		model.addAttribute("withApp", secondFactors.withApp());
		model.addAttribute("locked", attempts.lockedNow());
		model.addAttribute("roles", Role.values());
		model.addAttribute("withoutRole", Accounts.WITHOUT_ROLE);
		// Their own administrator role is not offered to take back: the server refuses it anyway.
		model.addAttribute("me", me.id());
		model.addAttribute("administrator", Role.ADMINISTRATOR);
		return "account/admin";
	}

	/** A role, or the accounts without one, from the address; anything else is every account. */
	private static String holding(String holding) {
		if (Accounts.WITHOUT_ROLE.equals(holding)) {
			return holding;
		}
		return Arrays.stream(Role.values()).map(Role::name).filter(name -> name.equals(holding)).findFirst().orElse(null);
	}

	/**
	 * The list's address with its search, role and page; only those, built anew (never a typed address).
	 * Each value is encoded whole, a + and braces included: a search for "jan+coach@" must come back as
	 * typed, and braces would be taken for a template by the redirect.
	 */
	static String list(Accounts.AccountSearch search, int page) {
		UriComponentsBuilder to = UriComponentsBuilder.fromPath("/admin");
		Map<String, Object> values = new HashMap<>();
		if (!search.text().isEmpty()) {
			to.queryParam("search", "{search}");
			values.put("search", search.text());
		}
		if (search.holding() != null) {
			to.queryParam("holding", "{holding}");
			values.put("holding", search.holding());
		}
		if (page > 1) {
			to.queryParam("page", "{page}");
			values.put("page", page);
		}
		return to.encode().buildAndExpand(values).toUriString();
	}

	/** Back to the list an action was taken from, as its form said it ({@code back}: the list's query). */
	private static String backTo(String back) {
		if (back == null || back.isBlank()) {
			return "redirect:/admin";
		}
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString("/admin?" + back).build().getQueryParams();
		String search = query.getFirst("search");
		return "redirect:" + list(new Accounts.AccountSearch(search == null ? "" : UriUtils.decode(search, StandardCharsets.UTF_8),
				holding(query.getFirst("holding"))), PageNumber.of(query.getFirst("page")));
	}

	@PostMapping("/admin/accounts/{id}/unlock")
	String unlock(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
		// Every count too: the lock after the last of the wrong codes is lifted only here.
		attempts.unlock(named(id, redirect));
		redirect.addFlashAttribute("unlocked", id);
		return backTo(back);
	}

	@PostMapping("/admin/accounts/{id}/second-factor/reset")
	String resetSecondFactor(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
		secondFactors.resetByAdministrator(named(id, redirect));
		// A lost or stolen phone: a session it opened must not go on, nor set up an app of its own.
		accounts.endSessions(id);
		redirect.addFlashAttribute("appReset", id);
		return backTo(back);
	}

	/**
	 * Clears the account's binding to its subject at the organisation's provider (decision 0031): for
	 * someone whose account there was made anew. Their next sign-in through the provider binds it again,
	 * by a verified address.
	 */
	@PostMapping("/admin/accounts/{id}/single-sign-on/unbind")
	String unbind(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
		accounts.unbindExternalSubject(named(id, redirect));
		redirect.addFlashAttribute("unbound", id);
		return backTo(back);
	}

	/**
	 * Grants or takes back a role. A granted role counts from the person's next sign-in; a role taken
	 * back ends their sessions at once (an administrator who takes one from themselves goes on in this
	 * session, without it).
	 */
	@PostMapping("/admin/accounts/{id}/roles")
	String changeRole(@PathVariable UUID id, @RequestParam(required = false) Role role, @RequestParam boolean grant,
			@RequestParam(required = false) String back, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		Account account = accounts.byId(named(id, redirect)).orElseThrow();
		if (grant && account.erased()) {
			// What is left of an erased participant is nobody to give a role: it stood among the coaches.
			return refused(redirect, id, "admin.accounts.erased", 0, back);
		}
		if (role == null) {
			// An empty choice (or a page left open while the last role was given elsewhere) gets a
			// sentence on the page, not the generic error page.
			return refused(redirect, id, NO_ROLE_CHOSEN, 0, back);
		}
		if (!grant && role == Role.ADMINISTRATOR && id.equals(me.id())) {
			// Nobody locks themselves out of administration by accident.
			return refused(redirect, id, "admin.accounts.roleProblem", 0, back);
		}
		if (grant && role.separatedFrom().filter(account::has).isPresent()) {
			// Decision 0145: who manages a programme never reads its letters, and a coach reads them all.
			return refused(redirect, id, "admin.accounts.separatedRoles", 0, back);
		}
		if (grant) {
			try {
				accounts.addRole(id, role);
			}
			catch (Accounts.SeparatedRolesException givenMeanwhile) {
				// The other role was given in another tab since this account was read.
				return refused(redirect, id, "admin.accounts.separatedRoles", 0, back);
			}
		}
		else {
			switch (roleRemovals.takeBack(id, role)) {
				case LAST_ADMINISTRATOR -> {
					return refused(redirect, id, "admin.accounts.lastAdministrator", 0, back);
				}
				case STILL_COACHING -> {
					// Their participants would write on into a conversation nobody reads: the trajectories go to
					// another coach, or end, first.
					return refused(redirect, id, "admin.accounts.stillCoaching", coachWork.underway(id), back);
				}
				case STILL_TAKING_PART -> {
					// They would lose their letters, their export and their erasure request while their coach
					// writes on: the trajectory ends, or is erased, first.
					return refused(redirect, id, "admin.accounts.stillTakingPart", coachWork.takingPart(id), back);
				}
				case REMOVED -> {
					if (id.equals(me.id())) {
						signIn.rolesChanged(me, request, response);
					}
					else {
						accounts.endSessions(id);
					}
				}
				case NOT_HELD -> AuditedChange.already(); // taken back before (a double click, an old page)
			}
		}
		redirect.addFlashAttribute("roleChanged", id);
		return backTo(back);
	}

	/** Why a role was not changed when the form chose none: the one mistake in the form itself. */
	private static final String NO_ROLE_CHOSEN = "admin.accounts.noRoleChosen";

	/**
	 * The list again, with why the role was not changed at the account. The page after the redirect answers 422 for
	 * an empty choice, and 409 for every other refusal (decision 0139, amended): there the account's state is in the
	 * way (erased, the other of two separated roles held, the last administrator, still coaching or taking part, one's
	 * own administrator role), not what the form chose.
	 */
	private static String refused(RedirectAttributes redirect, UUID id, String why, int count, String back) {
		AuditedChange.refused();
		if (NO_ROLE_CHOSEN.equals(why)) {
			RefusedForm.shownAgainAfter(redirect);
		}
		else {
			RefusedForm.stateInTheWayAfter(redirect);
		}
		redirect.addFlashAttribute("roleProblem", id);
		redirect.addFlashAttribute("roleProblemWhy", why);
		redirect.addFlashAttribute("roleProblemCount", count);
		return backTo(back);
	}

	/** The account acted on, named in what the page says about it: a list of fifty may hold two Jansens. */
	private UUID named(UUID id, RedirectAttributes redirect) {
		var account = accounts.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		redirect.addFlashAttribute("actedOn", nl.briefwissel.TypedName.isolated(account.displayName()) + " (" + account.email() + ")");
		return account.id();
	}
}
