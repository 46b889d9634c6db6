package nl.briefwissel.organisation;

import java.util.Arrays;
import java.util.Optional;

/**
 * On what ground an organisation has its participants' coaching data processed (GDPR article 6(1)), as its
 * administrator chose it (decision 0138). The ground decides what a participant may do to stop it: consent is
 * withdrawn (article 7(3)), a public task or a legitimate interest is objected to (article 21). Either way the
 * participant may ask for erasure under My data.
 */
public enum LegalBasis {

	/** Article 6(1)(a): the default, and what the statement said for every organisation before. */
	CONSENT,

	/** Article 6(1)(e): a task in the public interest, as a municipality's help towards work. */
	PUBLIC_TASK,

	/** Article 6(1)(f): the organisation's legitimate interest, weighed against the participant's. */
	LEGITIMATE_INTEREST;

	/** The basis a form sent by its name, or empty for anything else. */
	public static Optional<LegalBasis> named(String name) {
		return Arrays.stream(values()).filter(basis -> basis.name().equals(name)).findFirst();
	}
}
