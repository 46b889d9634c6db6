package nl.briefwissel.assignment;

/** The kinds of creative assignment the pilot's coaches used. */
public enum AssignmentType {
	REFLECTION, VIDEO, PHOTO, COACH_CARDS, NAME_MEANING, EXTERNAL_MODULE, FREE
}
