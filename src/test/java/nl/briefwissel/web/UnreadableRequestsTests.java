package nl.briefwissel.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's own answers: an unreadable request is told so; a failure of the application whose
 * error page failed too (its session in a database that is down) is told it is ours, not an address
 * that did not read. That second one cannot be caused with the shared database of the other tests.
 */
class UnreadableRequestsTests {

	private final UnreadableRequests pages = new UnreadableRequests(new Texts());

	@Test
	void aServerFailureTheContainerAnswersSaysTheFaultIsOurs() {
		for (int status : new int[] { 500, 503 }) {
			assertThat(pages.page(status)).as("%d", status)
				.contains("Er ging bij ons iets mis", "Something went wrong on our side", "href=\"/\"")
				.doesNotContain("niet lezen", "could not read");
		}
	}

	@Test
	void anUnreadableRequestIsToldSoInBothLanguages() {
		for (int status : new int[] { 400, 413, 414, 501, 505 }) {
			assertThat(pages.page(status)).as("%d", status)
				.contains("<html lang=\"nl\"", "Dit verzoek konden we niet lezen", "<div lang=\"en\">", "We could not read this request")
				.doesNotContain("Er ging bij ons iets mis");
		}
	}
}
