package nl.briefwissel.conversation;

public enum Channel {
	WEB, MAIL
}
