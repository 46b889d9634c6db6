package nl.briefwissel.mail;

import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Whether mail can be written to an address. Inbound mail is read as leniently as mail clients read it,
 * and a form's validator lets through what no mail can reach (an underscore in the domain); mail is
 * written strictly, and to such an address it fails on every attempt. So an address we are to write to
 * (an applicant, an invited colleague, a first administrator) is taken only when the strict parser takes it.
 */
public final class MailAddresses {

	private MailAddresses() {
	}

	public static boolean deliverable(String address) {
		return whyNot(address).isEmpty();
	}

	/**
	 * Whether the part after the @ has no dot in it ("sam@gemeente"): the strict parser takes such an address
	 * (a name on a local network), but on the internet no mail reaches it. A form can say so in those words:
	 * the person typed all but the end.
	 */
	public static boolean dotlessDomain(String address) {
		int at = address == null ? -1 : address.lastIndexOf('@');
		return at >= 0 && address.indexOf('.', at) < 0;
	}

	/** Why no mail can be written to this address; empty when it can. */
	public static Optional<String> whyNot(String address) {
		if (address == null || address.isBlank()) {
			return Optional.of("no address");
		}
		try {
			new InternetAddress(address, true).validate();
			return Optional.empty();
		}
		catch (AddressException e) {
			return Optional.of(e.getMessage());
		}
	}
}
