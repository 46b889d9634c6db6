package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.trajectory.LastLetters;

import org.springframework.stereotype.Component;

/**
 * The newest letter per trajectory by the rule the workspace reads activity with (letters, not notes about mail),
 * or the newest mail of its participant that waits in the quarantine for the coach, when that is later: a
 * participant whose mail is held back has not fallen silent (decision 0108).
 */
@Component
class ConversationLastLetters implements LastLetters {

	private final Messages messages;

	private final Quarantine quarantine;

	ConversationLastLetters(Messages messages, Quarantine quarantine) {
		this.messages = messages;
		this.quarantine = quarantine;
	}

	@Override
	public Map<UUID, OffsetDateTime> newest(List<UUID> trajectoryIds) {
		Map<UUID, OffsetDateTime> newest = new HashMap<>();
		messages.activity(trajectoryIds).forEach((trajectory, activity) -> {
			if (activity.last() != null) {
				newest.put(trajectory, activity.last());
			}
		});
		quarantine.newestOfItsParticipant(trajectoryIds)
			.forEach((trajectory, held) -> newest.merge(trajectory, held, (a, b) -> a.isAfter(b) ? a : b));
		return newest;
	}
}
