package nl.briefwissel.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader under hostile input: every broken, huge or malicious mail gives an answer — a reading
 * or "unreadable" with the reason — within seconds, and never an exception or error that would
 * take a worker down.
 */
class MalformedMailTests {

	@Test
	void everyBrokenMailIsReadOrCalledUnreadableWithAReasonWithinSeconds() throws Exception {
		Map<String, byte[]> cases = MalformedMail.cases(300);
		List<String> wrong = new ArrayList<>();
		ExecutorService reader = Executors.newSingleThreadExecutor();
		try {
			for (var entry : cases.entrySet()) {
				Future<ReadMail> reading = reader.submit(() -> MailReader.read(entry.getValue()));
				try {
					ReadMail mail = reading.get(10, TimeUnit.SECONDS);
					if (mail == null || mail.kind() == null) {
						wrong.add(entry.getKey() + ": no answer");
					}
					else if (mail.kind() == MailKind.UNREADABLE && (mail.problem() == null || mail.problem().isBlank())) {
						wrong.add(entry.getKey() + ": unreadable without a reason");
					}
					else if (mail.subject() != null && (mail.subject().contains("\r") || mail.subject().contains("\n"))) {
						wrong.add(entry.getKey() + ": a line break in the subject could become a header of a reply");
					}
				}
				catch (java.util.concurrent.TimeoutException slow) {
					reading.cancel(true);
					wrong.add(entry.getKey() + ": took longer than 10 s");
				}
				catch (java.util.concurrent.ExecutionException failed) {
					wrong.add(entry.getKey() + ": threw " + failed.getCause());
				}
			}
		}
		finally {
			reader.shutdownNow();
			reader.awaitTermination(5, TimeUnit.SECONDS);
		}
		assertThat(wrong).isEmpty();
		assertThat(cases).hasSizeGreaterThan(300);
	}

	@Test
	void theFixedCasesSayWhatIsWrong() {
		Map<String, byte[]> cases = MalformedMail.cases(0);
		assertThat(MailReader.read(cases.get("valid")).kind()).isEqualTo(MailKind.REPLY);
		assertThat(MailReader.read(cases.get("fifty megabytes")).problem()).startsWith("too big");
		assertThat(MailReader.read(cases.get("binary garbage")).kind()).isEqualTo(MailKind.UNREADABLE);
		assertThat(MailReader.read(cases.get("ten thousand recipients")).kind()).isNotNull();
		assertThat(MailReader.read(cases.get("zip bomb attachment")).attachments()).hasSize(1);
		// Words in no part are no empty mail: its sender hears it could not be read, at its conversation.
		for (String noParts : List.of("multipart without a boundary", "boundary declared, never used")) {
			ReadMail read = MailReader.read(cases.get(noParts));
			assertThat(read.undecodable()).as(noParts).isTrue();
			assertThat(read.replyToken()).as(noParts).isEqualTo("abcdefghijklmnopqrstuvwxyz");
		}
		assertThat(MailReader.read(cases.get("multipart without a boundary")).problem()).contains("without a boundary");
	}
}
