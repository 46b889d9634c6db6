package nl.briefwissel.evaluation;

import java.util.Set;

import nl.briefwissel.account.SecondFactorExemption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The four demo accounts keep signing in with their password alone, so that anyone evaluating
 * Briefwissel can try every role at once. Every other coach, manager and administrator, also in
 * the evaluation default, needs an authenticator app; production has no demo data and so no exemption.
 */
@Component
@ConditionalOnProperty(name = "briefwissel.demo.enabled", havingValue = "true", matchIfMissing = true)
@org.springframework.context.annotation.Profile("!production") // never, whatever a variable says (decision 0002)
class DemoSignIn implements SecondFactorExemption {

	private static final Logger log = LoggerFactory.getLogger(DemoSignIn.class);

	private static final Set<String> DEMO_ACCOUNTS = Set.of(DemoPeople.PARTICIPANT, DemoPeople.COACH,
			DemoPeople.PROGRAMME_MANAGER, DemoPeople.ADMINISTRATOR);

	@Override
	public boolean covers(String email) {
		return DEMO_ACCOUNTS.contains(email);
	}

	@EventListener(ApplicationReadyEvent.class)
	void warn() {
		log.warn("Evaluation default: the demo accounts {} sign in with their password and no second factor; "
				+ "every other coach, programme manager and administrator sets up an authenticator app", DEMO_ACCOUNTS);
	}
}
