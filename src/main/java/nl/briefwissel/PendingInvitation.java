package nl.briefwissel;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An invitation mailed and not used yet: a staff account's link to choose a first password, or a
 * participant's link to a programme's application form. Shared by both ways of inviting, so that inviting an
 * address again reads the same everywhere: no second mail beside the first, but the page says this one is
 * there (sent when, valid until when) and offers to send it again, which ends the earlier link (decision 0058).
 * One that ran out ({@code expired}) is sent again when the address is invited again (decision 0062).
 *
 * @param id what the invitation belongs to: the account, or the application
 * @param sentAt the last time it was sent; a "send again" form carries it ({@link #sent()}), so that a second
 *        click of that form finds it sent again already and mails nothing more
 */
public record PendingInvitation(UUID id, String name, String email, OffsetDateTime sentAt, OffsetDateTime validUntil,
		boolean expired) implements Serializable {

	/**
	 * The message key a form's address field is refused with when the address has this invitation: the page then
	 * says the invitation itself, with its button (web/pending-invitation), instead of a sentence of its own.
	 */
	public static final String PENDING = "invitation.pending";

	/** What became of "send again". */
	public enum Again {

		/** A new link went out; the earlier one no longer works. */
		SENT,
		/** The invitation the form showed was sent again already (a second click): nothing more went out. */
		SENT_ALREADY,
		/** Used (or withdrawn) meanwhile: nothing to send again. */
		GONE,
		/** The address had as many mails with a link this hour as it may get: nothing went out, the old link is as it was. */
		TOO_MANY;

		/** Whether the person has the new link: sent now, or by the click before this one. Both are answered "sent again". */
		public boolean isSent() {
			return this == SENT || this == SENT_ALREADY;
		}
	}

	/**
	 * The sending a "send again" form names, in microseconds as the database keeps the time: in whole seconds a
	 * first sending and a second within the same second were one, and a second click then sent a third mail.
	 */
	public long sent() {
		return java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, sentAt.toInstant());
	}

	/** The sending a "send again" form names ({@code sent}); one that is no number names none. */
	public static long shown(String sent) {
		try {
			return sent == null ? -1 : Long.parseLong(sent.strip());
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}

	/** Whether this is the sending a form named ({@link #sent()}): a later one means the form was sent already. */
	public boolean isTheOneSent(long shown) {
		return sent() == shown;
	}
}
