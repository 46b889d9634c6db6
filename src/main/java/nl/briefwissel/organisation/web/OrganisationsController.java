package nl.briefwissel.organisation.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.TypedName;
import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.PendingInvitation;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.PasswordResets;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.MailAddresses;
import nl.briefwissel.organisation.CoachesWithoutOrganisation;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's organisations: each municipality or employer whose people take part, made and
 * renamed here, and the staff invited into one (an e-coach, a programme manager, another administrator)
 * who choose their own password by a link in the mail. Participants come in by their application,
 * people of an organisation with single sign-on by signing in (decision 0050).
 */
@Controller
class OrganisationsController {

	/** The roles an administrator invites someone in; a participant applies for a programme instead. */
	static final List<Role> STAFF = List.of(Role.COACH, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR);

	static final int MAX_NAME = 200;

	private final Organisations organisations;

	private final Accounts accounts;

	private final PasswordResets passwords;

	private final CoachesWithoutOrganisation withoutOrganisation;

	OrganisationsController(Organisations organisations, Accounts accounts, PasswordResets passwords,
			CoachesWithoutOrganisation withoutOrganisation) {
		this.organisations = organisations;
		this.accounts = accounts;
		this.passwords = passwords;
		this.withoutOrganisation = withoutOrganisation;
	}

	/** An organisation's name as typed. */
	record NameForm(String name) implements Serializable {
	}

	/** Someone to invite, as typed. */
	record Invitation(String displayName, String email, Role role, String language) implements Serializable {
	}

	/** How many organisations the list shows at a time. */
	static final int PER_PAGE = 50;

	@GetMapping("/admin/organisations")
	String organisations(@RequestParam(required = false) String page, Model model) {
		long total = organisations.count();
		Pages list = Pages.of(total, PageNumber.of(page), PER_PAGE);
		model.addAttribute("organisations", organisations.summaries(list.offset(), list.limit()));
		// On every page of the list: no organisation's page would show these coaches, and nothing else tells.
		model.addAttribute("withoutOrganisation", withoutOrganisation.all());
		model.addAttribute("list", list);
		return "organisation/organisations";
	}

	/** One organisation: its name and the invitation of its staff. */
	@GetMapping("/admin/organisations/{id}")
	String organisation(@PathVariable UUID id, Model model) {
		model.addAttribute("organisation", organisations.summary(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		model.addAttribute("staffRoles", STAFF);
		return "organisation/organisation";
	}

	@PostMapping("/admin/organisations")
	String create(@ModelAttribute NameForm form, RedirectAttributes redirect) {
		String problem = nameProblem(form.name(), null);
		if (problem != null) {
			return refused(redirect, "createProblem", problem, "createTyped", form, "#new-organisation");
		}
		Organisation made = organisations.create(form.name());
		redirect.addFlashAttribute("organisationSaved", made.id());
		return "redirect:/admin/organisations/" + made.id();
	}

	@PostMapping("/admin/organisations/{id}/name")
	String rename(@PathVariable UUID id, @ModelAttribute NameForm form, RedirectAttributes redirect) {
		Organisation organisation = existing(id);
		String problem = nameProblem(form.name(), organisation.id());
		if (problem != null) {
			return refused(redirect, "renameProblem", problem, "renameTyped", form, "/" + id + "#name");
		}
		organisations.rename(organisation.id(), form.name());
		redirect.addFlashAttribute("organisationSaved", organisation.id());
		return "redirect:/admin/organisations/" + id;
	}

	/**
	 * Makes the account, without a password, and mails it a link to choose one (valid a week). An address
	 * that has an account already is not touched: the administrator gives it a role on the accounts page,
	 * where its organisation and what it takes part in are visible. One of this organisation invited before
	 * and without a password yet gets no second mail: the form says when it was invited and until when the
	 * link works, and offers to send it again ({@link #inviteAgain}; decision 0058). One whose link ran out is
	 * sent it again at once: a new link for the account as it was made, within the hourly limit (decision 0062).
	 */
	@PostMapping("/admin/organisations/{id}/accounts")
	String invite(@PathVariable UUID id, @ModelAttribute Invitation form, Locale locale, RedirectAttributes redirect) {
		Organisation organisation = existing(id);
		Map<String, String> problems = new LinkedHashMap<>();
		String name = form.displayName() == null ? "" : form.displayName().strip();
		String email = form.email() == null ? "" : form.email().strip();
		if (name.isEmpty() || name.length() > MAX_NAME) {
			problems.put("displayName", "admin.organisations.invite.error.name");
		}
		else if (TypedName.hidesCharacters(name)) {
			problems.put("displayName", "name.error.hidden");
		}
		if (email.length() > 254 || !MailAddresses.deliverable(email)) {
			problems.put("email", "admin.organisations.invite.error.email");
		}
		else if (MailAddresses.dotlessDomain(email)) {
			// As the intake form and the manager's invitation (decision 0114): "sam@gemeente" passes the checks above and
			// no link to choose a password ever reaches it.
			problems.put("email", "intakes.invite.email.domain");
		}
		if (form.role() == null || !STAFF.contains(form.role())) {
			problems.put("role", "admin.organisations.invite.error.role");
		}
		Locale language = "en".equals(form.language()) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
		if (problems.isEmpty()) {
			Optional<Account> existing = accounts.byEmail(email);
			Optional<PendingInvitation> pending = existing.filter(a -> organisation.id().equals(a.organisationId()))
				.flatMap(passwords::pendingInvitation);
			if (pending.isPresent() && pending.get().expired()) {
				// Ran out unused: what the administrator asks for is a working link, which is that invitation sent
				// again, to the account as it was made (decision 0062). Its roles are given on the accounts page.
				PendingInvitation.Again outcome = passwords.inviteAgain(existing.get(), organisation.name(), pending.get().sent());
				if (outcome.isSent()) {
					redirect.addFlashAttribute("invitedAgain", TypedName.isolated(existing.get().displayName()) + " (" + existing.get().email() + ")");
					return "redirect:/admin/organisations/" + id;
				}
				problems.put("email", outcome == PendingInvitation.Again.TOO_MANY ? tooMany(existing.get()) : "invitation.again.gone");
			}
			else if (pending.isPresent()) {
				problems.put("email", PendingInvitation.PENDING);
				redirect.addFlashAttribute("invitePending", pending.get());
			}
			else if (existing.isPresent()) {
				// An account belongs to one organisation (accounts.organisation_id): another organisation's account can
				// get no role here, so the form names whose it is rather than sending the administrator to the accounts
				// page, which has no organisation to choose.
				Optional<Organisation> elsewhere = Optional.ofNullable(existing.get().organisationId())
					.filter(other -> !other.equals(organisation.id()))
					.flatMap(organisations::byId);
				problems.put("email", elsewhere.isPresent() ? "admin.organisations.invite.error.takenElsewhere" : "admin.organisations.invite.error.taken");
				elsewhere.ifPresent(other -> redirect.addFlashAttribute("inviteTakenBy", other.name()));
			}
		}
		if (problems.isEmpty()) {
			try {
				Account invited = accounts.register(new NewAccount(organisation.id(), email, name, language, Set.of(form.role()), null));
				passwords.invite(invited, organisation.name());
				redirect.addFlashAttribute("invited", TypedName.isolated(invited.displayName()) + " (" + invited.email() + ")");
				redirect.addFlashAttribute("invitedRole", form.role());
				return "redirect:/admin/organisations/" + id;
			}
			catch (DuplicateKeyException sameMomentElsewhere) {
				// Invited in another tab at the same moment: one account, and this form says it is there.
				problems.put("email", "admin.organisations.invite.error.taken");
			}
		}
		AuditedChange.refused();
		RefusedForm.shownAgainAfter(redirect); // the organisation's page after it answers 422, the form again
		redirect.addFlashAttribute("inviteProblems", problems);
		redirect.addFlashAttribute("inviteTyped", form);
		return "redirect:/admin/organisations/" + id + "#invite";
	}

	/**
	 * Sends an invitation of this organisation's again, as the administrator asked on the form that said it was
	 * there: a new link, and the earlier one no longer works. {@code sent} names the sending the form showed: a
	 * second click finds it sent again already and is answered as the first. The fields of the form come along
	 * and come back when nothing could be sent.
	 */
	@PostMapping("/admin/organisations/{id}/accounts/{account}/invitation")
	String inviteAgain(@PathVariable UUID id, @PathVariable UUID account, @RequestParam(required = false) String sent,
			@ModelAttribute Invitation form, RedirectAttributes redirect) {
		Organisation organisation = existing(id);
		Account invited = accounts.byId(account)
			.filter(a -> organisation.id().equals(a.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		PendingInvitation.Again outcome = passwords.inviteAgain(invited, organisation.name(), PendingInvitation.shown(sent));
		if (outcome.isSent()) {
			redirect.addFlashAttribute("invitedAgain", TypedName.isolated(invited.displayName()) + " (" + invited.email() + ")");
			return "redirect:/admin/organisations/" + id;
		}
		AuditedChange.refused();
		RefusedForm.shownAgainAfter(redirect);
		redirect.addFlashAttribute("inviteProblems", Map.of("email", outcome == PendingInvitation.Again.GONE
				? "invitation.again.gone" : tooMany(invited)));
		redirect.addFlashAttribute("inviteTyped", form);
		return "redirect:/admin/organisations/" + id + "#invite";
	}

	/** Nothing went out for the hourly limit: whether the earlier link still works depends on whether it ran out. */
	private String tooMany(Account invited) {
		return passwords.pendingInvitation(invited).filter(PendingInvitation::expired).isPresent()
				? "invitation.again.tooMany.expired" : "invitation.again.tooMany";
	}

	private Organisation existing(UUID id) {
		return organisations.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** What is wrong with a name for this organisation (null: a new one), as a message key; null when nothing is. */
	private String nameProblem(String name, UUID self) {
		if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
			return "admin.organisations.error.name";
		}
		if (TypedName.hidesCharacters(name)) {
			return "name.error.hidden";
		}
		// Looked up as it will be stored: a zero-width space after the name must not make it another name.
		return organisations.byName(TypedName.cleaned(name.strip())).filter(other -> !other.id().equals(self)).isPresent()
				? "admin.organisations.error.taken" : null;
	}

	private static String refused(RedirectAttributes redirect, String problemAttribute, String problem, String typedAttribute,
			NameForm typed, String anchor) {
		AuditedChange.refused();
		RefusedForm.shownAgainAfter(redirect);
		redirect.addFlashAttribute(problemAttribute, problem);
		redirect.addFlashAttribute(typedAttribute, typed);
		return "redirect:/admin/organisations" + anchor;
	}

}
