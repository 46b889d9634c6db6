package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.trajectory.UnsentLetterDrafts;

import org.springframework.stereotype.Component;

/**
 * The coach's draft of a letter, by the rule their write form opens it with: the complete and stop forms warn of
 * the draft the conversation page would offer to send. Only its date leaves this module, never its words.
 */
@Component
class ConversationLetterDrafts implements UnsentLetterDrafts {

	private final CoachDesk desk;

	ConversationLetterDrafts(CoachDesk desk) {
		this.desk = desk;
	}

	@Override
	public Optional<OffsetDateTime> savedAt(UUID trajectoryId, UUID coachId) {
		return desk.unsentDraftSavedAt(trajectoryId, coachId);
	}
}
