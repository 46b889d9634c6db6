package nl.briefwissel.account.web;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.SignedInAccount;

/**
 * The authenticator secret shown while someone sets up their app. A page view made a new one each
 * time, so a reload, a second tab or a link followed from elsewhere replaced the secret the person had
 * just scanned, and its codes were refused. Now one secret is shown for as long as the session that
 * first showed it lasts; another session (another browser, someone who looked along earlier) still
 * gets a fresh one.
 */
final class Enrolments {

	private static final String SHOWN_TO = Enrolments.class.getName() + ".shownTo";

	private Enrolments() {
	}

	static SecondFactors.Enrolment shown(SecondFactors secondFactors, SignedInAccount who, HttpSession session) {
		if (who.id().equals(session.getAttribute(SHOWN_TO))) {
			Optional<SecondFactors.Enrolment> pending = secondFactors.pendingEnrolment(who);
			if (pending.isPresent()) {
				return pending.get();
			}
		}
		SecondFactors.Enrolment fresh = secondFactors.startEnrolment(who);
		session.setAttribute(SHOWN_TO, who.id());
		return fresh;
	}
}
