package nl.briefwissel.organisation;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import nl.briefwissel.StartupSeeds;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.PasswordResets;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.MailAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A new installation's first organisation and administrator, from its settings (decision 0050): the
 * administrator gets a mail with a link to choose a password and then creates the other organisations
 * and invites the staff from the administration pages. Runs after the demo data, and only while the
 * database has no enabled administrator, so the settings may stay in place; nodes starting together take turns.
 */
@Component
@Order(1)
class Installation implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Installation.class);

	private final SetupProperties setup;

	private final Accounts accounts;

	private final Organisations organisations;

	private final PasswordResets passwords;

	private final StartupSeeds seeds;

	Installation(SetupProperties setup, Accounts accounts, Organisations organisations, PasswordResets passwords,
			StartupSeeds seeds) {
		this.setup = setup;
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwords = passwords;
		this.seeds = seeds;
	}

	@Override
	public void run(ApplicationArguments args) {
		// After the demo data also when that is written once the application is ready (decision 0118): it finds
		// an empty database, and its administrator makes the installation's one superfluous, as before.
		seeds.after(StartupSeeds.DEMO_DATA, () -> seeds.inTurn(StartupSeeds.INSTALLATION, () -> install(setup)));
	}

	/** What happened; the caller holds the seed's turn. */
	enum Outcome {
		/** An administrator was there already: nothing changed. */
		ALREADY_SET_UP,
		/** No administrator and no settings: the log says which to give. */
		NOTHING_GIVEN,
		/** The organisation (found or made) and the administrator were written, and the link mailed. */
		ADMINISTRATOR_INVITED,
		/** The address belonged to an account already: it was given the role, its password unchanged. */
		ROLE_GIVEN
	}

	Outcome install(SetupProperties setup) {
		// Enabled ones only: an installation whose administrators were all disabled (erased, left) is set
		// up again the same way. A thousand is more than any installation has.
		if (accounts.find(new Accounts.AccountSearch("", Role.ADMINISTRATOR.name()), 0, 1000).stream().anyMatch(Account::enabled)) {
			return Outcome.ALREADY_SET_UP;
		}
		if (!setup.given()) {
			log.warn("Briefwissel has no administrator yet, so nobody can sign in to set it up. Set briefwissel.setup.organisation "
					+ "and briefwissel.setup.administrator (BRIEFWISSEL_SETUP_ORGANISATION, BRIEFWISSEL_SETUP_ADMINISTRATOR) and "
					+ "start again: the administrator gets a mail with a link to choose a password (README, Installation).");
			return Outcome.NOTHING_GIVEN;
		}
		String email = checkedAddress(setup.administrator());
		if (setup.organisation() == null || setup.organisation().isBlank() || setup.organisation().strip().length() > 200) {
			throw new IllegalStateException("briefwissel.setup.organisation must name the first organisation (at most 200 characters)"
					+ " when briefwissel.setup.administrator is given");
		}
		Optional<Account> existing = accounts.byEmail(email);
		if (existing.isPresent()) {
			// Someone who applied with the address, or an account from single sign-on: it keeps its password
			// and organisation; the mail would only tell them to choose a password they already have.
			accounts.addRole(existing.get().id(), Role.ADMINISTRATOR);
			log.info("First administrator: the account of the configured address had no administrator role and was given it");
			return Outcome.ROLE_GIVEN;
		}
		Organisation organisation = organisations.byName(setup.organisation()).orElseGet(() -> organisations.create(setup.organisation()));
		String name = setup.administratorName() == null || setup.administratorName().isBlank() ? email.substring(0, email.indexOf('@'))
				: setup.administratorName().strip();
		Account administrator = accounts.register(new NewAccount(organisation.id(), email, name, Locale.forLanguageTag("nl"),
				Set.of(Role.ADMINISTRATOR), null));
		passwords.invite(administrator, organisation.name());
		// The address is not logged: the log is read by more people than the administration pages.
		log.info("First administrator set up for organisation '{}': a mail with a link to choose a password went to the configured address",
				organisation.name());
		return Outcome.ADMINISTRATOR_INVITED;
	}

	/** The address as accounts keep it; a start-up with an address no mail can reach stops here, saying so. */
	private static String checkedAddress(String address) {
		String email = address.strip();
		MailAddresses.whyNot(email).ifPresent(why -> {
			throw new IllegalStateException("briefwissel.setup.administrator is not an e-mail address a mail can be sent to: " + why);
		});
		return email;
	}
}
