package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.trajectory.LastLetters;

import org.springframework.stereotype.Component;

/** The newest letter per trajectory by the rule the workspace reads activity with: letters, not notes about mail. */
@Component
class ConversationLastLetters implements LastLetters {

	private final Messages messages;

	ConversationLastLetters(Messages messages) {
		this.messages = messages;
	}

	@Override
	public Map<UUID, OffsetDateTime> newest(List<UUID> trajectoryIds) {
		Map<UUID, OffsetDateTime> newest = new HashMap<>();
		messages.activity(trajectoryIds).forEach((trajectory, activity) -> {
			if (activity.last() != null) {
				newest.put(trajectory, activity.last());
			}
		});
		return newest;
	}
}
