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

	/**
	 * Only a person's name is capitalised at a sentence's start (decision 0143): a programme's name, a date or a
	 * sentence given as an argument is written as it is. A programme called jan made „jan.pdf is niet bewaard.” read
	 * „Jan.pdf”.
	 */
	@Test
	void onlyANameIsCapitalisedAtASentencesStart() {
		OutgoingMail mail = mails.composeInTwoLanguages("vera@example.nl", Locale.forLanguageTag("nl"), Locale.ENGLISH,
				"mail.intakeByMail.filesNotKept", each -> new Object[] { "", "jan", "jan.pdf is niet bewaard." });
		assertThat(mail.text()).contains("\n\njan.pdf is niet bewaard.").doesNotContain("Jan.pdf");
		assertThat(mail.html()).doesNotContain("Jan.pdf");
		assertThat(mail.subject()).isEqualTo("Niet alles uit je mail is bewaard / Not everything in your mail was kept");
	}

	/** The participant's name begins the employer's sentences, in both halves of the mail, and stays as written within. */
	@Test
	void aNameAtASentencesStartIsCapitalisedInBothLanguages() {
		OutgoingMail mail = mails.composeInTwoLanguages("hr@example.nl", Locale.forLanguageTag("nl"), Locale.ENGLISH,
				"mail.employer.started",
				each -> new Object[] { new NoticeMails.Name("van Dijk"), "loopbaan", "1 december 2026" });
		assertThat(mail.text()).contains("Van Dijk is op 1 december 2026 gestart met een loopbaantraject in het programma loopbaan.")
			.contains("Met toestemming van van Dijk")
			.contains("Van Dijk started a career trajectory in the programme loopbaan")
			.contains("with the consent of van Dijk");
		assertThat(mail.html()).contains("Van Dijk is op").contains("Van Dijk started");
	}

	/** A notice to a participant names their coach at a sentence's start with a capital; the programme stays as it is. */
	@Test
	void aParticipantsNoticeCapitalisesTheCoachNotTheProgramme() {
		OutgoingMail mail = mails.toParticipant("vera@example.nl", Locale.forLanguageTag("nl"), "Vera", NoticeKind.HANDED_OVER,
				"mail.handover.participant", new Object[] { new NoticeMails.Name("van Dijk"), "de brug", "", "", "" },
				"https://briefwissel.test/participant/conversation");
		assertThat(mail.text()).startsWith("Beste Vera,")
			.contains("Vanaf vandaag begeleidt van Dijk je traject in de brug. Van Dijk kan alles teruglezen");
	}
}
