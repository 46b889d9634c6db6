package nl.briefwissel.conversation;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A write into a conversation whose trajectory was erased after the write was allowed: refused, as
 * the erasure runs once and would never take it out. A page finds no such trajectory any more; a mail
 * in the pipeline is tried again and then goes where mail to an erased conversation goes.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ConversationErased extends RuntimeException {

	ConversationErased(UUID trajectoryId) {
		super("Trajectory " + trajectoryId + " was erased; nothing is written into it");
	}
}
