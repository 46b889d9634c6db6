package nl.briefwissel.conversation;

/** Who wrote a message: the participant, the coach, or Briefwissel itself (notes about mail). */
public enum Author {
	PARTICIPANT, COACH, SYSTEM
}
