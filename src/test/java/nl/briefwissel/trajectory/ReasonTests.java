package nl.briefwissel.trajectory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 'Other' without words is one refusal, which the services throw and the forms say at their field (decisions 0064,
 * 0068): the same sentence wherever it is asked.
 */
class ReasonTests {

	@Test
	void otherWithoutWordsIsRefusedWithOneSentenceAndEveryOtherReasonIsNot() {
		for (String none : new String[] { null, "", "  \n " }) {
			assertThat(Reason.OTHER.refusalWith(none)).as("[%s]", none).contains(TrajectoryLifecycle.OTHER_WITHOUT_WHY);
		}
		assertThat(Reason.OTHER.refusalWith("Ik verhuis")).isEmpty();
		for (Reason reason : Reason.values()) {
			if (reason != Reason.OTHER) {
				assertThat(reason.refusalWith(null)).as(reason.name()).isEmpty();
			}
		}
	}
}
