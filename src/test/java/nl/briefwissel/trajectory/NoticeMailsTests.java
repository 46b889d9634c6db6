package nl.briefwissel.trajectory;

import java.util.Locale;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.mail.OutgoingMail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice whose greeting names someone, sent without a name (an invitation made from an application by
 * mail, which came without one), greets without one: it read "Beste ," and "Dear ,".
 */
@BriefwisselTest
class NoticeMailsTests {

	@Autowired
	NoticeMails mails;

	@Test
	void aGreetingWithoutANameGreetsWithoutOne() {
		Object[] noName = { "", "Loopbaan Gemeente", 14 };
		OutgoingMail dutch = mails.compose("vera@example.nl", Locale.forLanguageTag("nl"), "mail.intakeInvitation", noName,
				"https://briefwissel.test/intake/x");
		assertThat(dutch.text()).startsWith("Hallo,").doesNotContain("Beste ,");
		assertThat(dutch.html()).contains("Hallo,").doesNotContain("Beste ,");
		OutgoingMail english = mails.compose("vera@example.nl", Locale.ENGLISH, "mail.intakeInvitation", noName,
				"https://briefwissel.test/intake/x");
		assertThat(english.text()).startsWith("Hello,").doesNotContain("Dear ,");

		Object[] named = { "Vera", "Loopbaan Gemeente", 14 };
		assertThat(mails.compose("vera@example.nl", Locale.forLanguageTag("nl"), "mail.intakeInvitation", named,
				"https://briefwissel.test/intake/x").text()).startsWith("Beste Vera,");
	}
}
