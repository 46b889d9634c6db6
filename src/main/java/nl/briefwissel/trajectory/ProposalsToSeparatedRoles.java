package nl.briefwissel.trajectory;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.account.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Beside the startup's warning about accounts holding both programme manager and e-coach ({@code account.SeparatedRoles},
 * decision 0145): the proposals made to them before, which wait for an answer that cannot come, since no coach's page
 * opens for them. The account module does not know proposals; this one says how many, and the programme's intakes page
 * marks each one to be withdrawn.
 */
@Component
class ProposalsToSeparatedRoles {

	private static final Logger log = LoggerFactory.getLogger(ProposalsToSeparatedRoles.class);

	private final Accounts accounts;

	private final Matching matching;

	ProposalsToSeparatedRoles(Accounts accounts, Matching matching) {
		this.accounts = accounts;
		this.matching = matching;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAboutProposalsWaitingInVain() {
		List<UUID> both = accounts.holdingSeparatedRoles();
		int waiting = matching.proposalsWaitingOnSeparatedRoles(both);
		if (waiting > 0) {
			log.warn("{} proposal(s) wait for an e-coach who is a programme manager too (decision 0145) and cannot answer "
					+ "them; the programme's intakes page marks each, to be withdrawn and proposed to another e-coach",
					waiting);
		}
	}
}
