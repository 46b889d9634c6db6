package nl.briefwissel.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time of the answer to a link request must not tell whether the address has an account. What
 * took the time for a known address (looking it up, the token's row, the mail queued, a commit that
 * writes) happens after the answer for every address alike; here, the answer is what happens before
 * the handed-over work runs.
 */
class LinkRequestsTests {

	private static final String PARTICIPANT = "deelnemer-" + UUID.randomUUID() + "@example.nl";

	private static final String COACH = "coach-" + UUID.randomUUID() + "@example.nl";

	private static final String NOBODY = "niemand-" + UUID.randomUUID() + "@example.nl";

	private final List<Runnable> handedOver = new ArrayList<>();

	private final List<String> lookedUp = new ArrayList<>();

	private final List<String> sent = new ArrayList<>();

	private final LinkRequests requests = new LinkRequests(handedOver::add, TransactionOperations.withoutTransaction());

	private final Accounts accounts = new Accounts(null, null, null) {

		@Override
		public Optional<Account> byEmail(String email) {
			lookedUp.add(email);
			if (email.equals(PARTICIPANT)) {
				return Optional.of(account(email, Role.PARTICIPANT));
			}
			return email.equals(COACH) ? Optional.of(account(email, Role.COACH)) : Optional.empty();
		}
	};

	private final MailedLinks links = new MailedLinks(null, null, null, null, null, null, null) {

		@Override
		void send(Kind kind, Account account, Duration validity, long validityInMail) {
			sent.add(kind + " " + account.email());
		}
	};

	private final SignInProperties properties = new SignInProperties(5, Duration.ofMinutes(15), 30, Duration.ofMinutes(5),
			Duration.ofMinutes(30), 3, Set.of(), 100, Duration.ofMinutes(30));

	@Test
	void aPasswordResetIsAnsweredAfterTheSameWorkForAKnownAndAnUnknownAddress() {
		PasswordResets resets = new PasswordResets(accounts, links, null, requests);

		resets.request(PARTICIPANT);
		assertThat(handedOver).hasSize(1);
		assertThat(lookedUp).as("nothing looked up before the answer").isEmpty();
		assertThat(sent).isEmpty();
		resets.request(NOBODY);
		assertThat(handedOver).hasSize(2);
		assertThat(lookedUp).isEmpty();

		handedOver.forEach(Runnable::run);
		assertThat(lookedUp).containsExactly(PARTICIPANT, NOBODY);
		assertThat(sent).containsExactly("PASSWORD_RESET " + PARTICIPANT);
	}

	@Test
	void aSignInLinkIsAnsweredAfterTheSameWorkForAParticipantStaffAndAnUnknownAddress() {
		SignInLinks signInLinks = new SignInLinks(accounts, links, properties, requests);

		signInLinks.request(PARTICIPANT);
		signInLinks.request(COACH);
		signInLinks.request(NOBODY);
		assertThat(handedOver).hasSize(3);
		assertThat(lookedUp).as("nothing looked up before the answer").isEmpty();
		assertThat(sent).isEmpty();

		handedOver.forEach(Runnable::run);
		assertThat(lookedUp).containsExactly(PARTICIPANT, COACH, NOBODY);
		assertThat(sent).containsExactly("SIGN_IN " + PARTICIPANT);
	}

	/** The answer was given already: a failure, or a full queue, is the same answer for every address. */
	@Test
	void workThatFailsOrFindsNoRoomDoesNotChangeTheAnswer() {
		requests.later("Test", () -> {
			throw new IllegalStateException("database gone");
		});
		handedOver.forEach(Runnable::run);

		LinkRequests full = new LinkRequests(work -> {
			throw new RejectedExecutionException("full");
		}, TransactionOperations.withoutTransaction());
		new PasswordResets(accounts, links, null, full).request(PARTICIPANT);
		assertThat(lookedUp).isEmpty();
		assertThat(sent).isEmpty();
	}

	private static Account account(String email, Role role) {
		return new Account(UUID.randomUUID(), null, email, "Iemand", Locale.forLanguageTag("nl"), Set.of(role), true);
	}
}
