package nl.briefwissel.conversation;

/** A message someone wrote, or a note about mail that never counts as a message. */
public enum MessageKind {
	MESSAGE, AUTO_REPLY_NOTE, BOUNCE_NOTE
}
