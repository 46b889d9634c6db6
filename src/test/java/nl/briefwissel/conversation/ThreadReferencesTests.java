package nl.briefwissel.conversation;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Message-IDs a letter of a long thread carries in References. */
class ThreadReferencesTests {

	@Test
	void aLongThreadKeepsItsFirstMessageIdAndTheNewest() {
		List<String> thread = IntStream.rangeClosed(1, 30).mapToObj(n -> "<" + n + "@briefwissel.test>").toList();
		List<String> kept = Conversations.referencesKept(thread);
		assertThat(kept).hasSize(20).startsWith("<1@briefwissel.test>", "<12@briefwissel.test>")
			.endsWith("<30@briefwissel.test>");
		assertThat(Conversations.referencesKept(thread.subList(0, 5))).isEqualTo(thread.subList(0, 5));
	}
}
