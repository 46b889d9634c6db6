package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;

import nl.briefwissel.mail.SenderAuthentication.Confirmed;
import nl.briefwissel.mail.SenderAuthentication.Unconfirmed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiving server's word on a sender (decision 0037): only the header that server added counts,
 * and only a pass for the From's own domain confirms it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SenderAuthenticationTests {

	private static final String COACH = "coach@gemeente.nl";

	/** Without a server name the topmost header counts, which a sender can write where no MTA adds its own. */
	@Test
	void aSenderCheckWithoutTheServersNameWarnsWhichSettingIsMissing(CapturedOutput output) {
		new SenderAuthentication(new SenderCheckProperties(true, "mx.google.com"));
		new SenderAuthentication(new SenderCheckProperties(false, ""));
		assertThat(output).doesNotContain("authserv-id");

		new SenderAuthentication(new SenderCheckProperties(true, " "));
		assertThat(output).contains("WARN").contains("briefwissel.mail.sender-check.authserv-id is set")
			.contains("BRIEFWISSEL_MAIL_SENDER_CHECK_AUTHSERV_ID");
	}

	@Test
	void aDmarcPassForTheFromsDomainConfirmsIt() {
		String google = "mx.google.com; dkim=pass header.i=@gemeente.nl header.s=sel header.b=abc; "
				+ "spf=pass (google.com: domain of coach@gemeente.nl designates 1.2.3.4 as permitted sender) "
				+ "smtp.mailfrom=coach@gemeente.nl; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=gemeente.nl";
		assertThat(SenderAuthentication.judge(List.of(google), "mx.google.com", COACH)).isInstanceOf(Confirmed.class);
		assertThat(SenderAuthentication.judge(List.of(google), "", COACH)).isInstanceOf(Confirmed.class);
	}

	@Test
	void microsoftsHeaderWithoutAServerNameIsReadWhenNoneIsConfigured() {
		String microsoft = "spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=gemeente.nl; dkim=pass (signature was verified) "
				+ "header.d=gemeente.nl;dmarc=pass action=none header.from=gemeente.nl;compauth=pass reason=100";
		assertThat(SenderAuthentication.judge(List.of(microsoft), "", COACH)).isEqualTo(new Confirmed("spf=pass"));
		assertThat(SenderAuthentication.judge(List.of(microsoft), "mx.google.com", COACH))
			.isEqualTo(new Unconfirmed("no Authentication-Results from mx.google.com"));
	}

	@Test
	void aPassForAnotherDomainConfirmsNothing() {
		String signedByTheSender = "mx.example.org; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=x@evil.example; "
				+ "dmarc=fail header.from=gemeente.nl";
		assertThat(SenderAuthentication.judge(List.of(signedByTheSender), "", COACH))
			.isEqualTo(new Unconfirmed("dkim=pass spf=pass dmarc=fail"));
		// A signature for the top-level domain alone is nobody's.
		assertThat(SenderAuthentication.judge(List.of("mx.example.org; dkim=pass header.d=nl"), "", COACH))
			.isInstanceOf(Unconfirmed.class);
		// A DMARC pass says which From it passed for.
		assertThat(SenderAuthentication.judge(List.of("mx.example.org; dmarc=pass header.from=evil.example"), "", COACH))
			.isInstanceOf(Unconfirmed.class);
	}

	@Test
	void aSubdomainOfTheSendersDomainSigningIsAligned() {
		assertThat(SenderAuthentication.judge(List.of("mx.example.org; dkim=pass header.d=mail.gemeente.nl"), "", COACH))
			.isEqualTo(new Confirmed("dkim=pass"));
		assertThat(SenderAuthentication.judge(List.of("mx.example.org; spf=pass smtp.mailfrom=\"bounce@gemeente.nl\""), "",
				"p@coaching.gemeente.nl"))
			.isEqualTo(new Confirmed("spf=pass"));
	}

	/** The sender's own header sits below the one the receiving server put on top. */
	@Test
	void onlyTheReceivingServersHeaderCounts() {
		List<String> headers = List.of("mx.example.org; spf=softfail smtp.mailfrom=gemeente.nl; dmarc=fail header.from=gemeente.nl",
				"mx.example.org; dmarc=pass header.from=gemeente.nl");
		assertThat(SenderAuthentication.judge(headers, "", COACH)).isInstanceOf(Unconfirmed.class);
		assertThat(SenderAuthentication.judge(headers, "mx.example.org", COACH)).isInstanceOf(Unconfirmed.class);
		List<String> forgedAbove = List.of("spam.example; dmarc=pass header.from=gemeente.nl",
				"mx.example.org; dmarc=fail header.from=gemeente.nl");
		assertThat(SenderAuthentication.judge(forgedAbove, "mx.example.org", COACH)).isInstanceOf(Unconfirmed.class);
	}

	@Test
	void commentsAndNoResultsAreReadForWhatTheyAre() {
		assertThat(SenderAuthentication.judge(List.of("mx.example.org (a comment; with dmarc=pass header.from=gemeente.nl); none"),
				"", COACH))
			.isEqualTo(new Unconfirmed("none"));
		assertThat(SenderAuthentication.judge(List.of(), "", COACH)).isEqualTo(new Unconfirmed("no Authentication-Results"));
		assertThat(SenderAuthentication.judge(List.of("mx.example.org; dmarc=pass header.from=gemeente.nl"), "", null))
			.isEqualTo(new Unconfirmed("no sender address"));
	}

	@Test
	void theReaderKeepsTheHeadersTopmostFirstOnOneLineEach() {
		String raw = """
				Authentication-Results: mx.example.org;
				\tdmarc=pass header.from=gemeente.nl
				Received: from somewhere
				Authentication-Results: spam.example; dmarc=fail
				From: coach@gemeente.nl
				To: reply+abc@briefwissel.test
				Subject: Hallo
				Message-ID: <a@gemeente.nl>

				Tekst
				""".replace("\n", "\r\n");
		ReadMail mail = MailReader.read(raw.getBytes(StandardCharsets.UTF_8));
		assertThat(mail.authenticationResults()).containsExactly("mx.example.org; dmarc=pass header.from=gemeente.nl",
				"spam.example; dmarc=fail");
		assertThat(new SenderAuthentication(new SenderCheckProperties(true, "mx.example.org")).check(mail))
			.isEqualTo(new Confirmed("dmarc=pass"));
		assertThat(new SenderAuthentication(new SenderCheckProperties(false, "")).check(mail))
			.isInstanceOf(SenderAuthentication.NotAsked.class);
	}
}
