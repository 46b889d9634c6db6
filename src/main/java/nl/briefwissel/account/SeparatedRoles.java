package nl.briefwissel.account;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Names at startup the accounts that hold both programme manager and e-coach, given before decision 0145. No
 * migration takes one of the two away: only the administrator knows which work the person does. Until then no
 * coach's page opens for them and they are chosen as nobody's coach; the accounts page marks them.
 */
@Component
class SeparatedRoles {

	private static final Logger log = LoggerFactory.getLogger(SeparatedRoles.class);

	private final Accounts accounts;

	SeparatedRoles(Accounts accounts) {
		this.accounts = accounts;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAboutAccountsHoldingBoth() {
		List<UUID> both = accounts.holdingSeparatedRoles();
		if (!both.isEmpty()) {
			// Ids, not addresses: the log is read by operators who need not know who works where.
			log.warn("{} account(s) hold both the programme manager and the e-coach role (decision 0145); they open no "
					+ "coach page and are nobody's coach until an administrator takes one role back on /admin: {}",
					both.size(), both.stream().limit(20).toList());
		}
	}
}
