package nl.briefwissel.organisation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import nl.briefwissel.mail.MailAddresses;

/**
 * Whether an address or a web page may stand on a public statement for anyone to reach: the privacy
 * statement's contacts (what an administrator types, {@link PrivacyContacts.Details#problems()}) and the
 * accessibility statement's (a setting). One check for both, so that the two statements link alike.
 */
public final class PublicContact {

	static final int MAX_ADDRESS = 254;

	static final int MAX_LINK = 500;

	private PublicContact() {
	}

	/**
	 * An address a mail reaches, on its own: not one on a local network ("sam@gemeente", decision 0114), and
	 * without a name or comment beside it, which the mail parser takes ("Sam &lt;sam@gemeente.nl&gt;") but
	 * which would make the statement's link mailto:Sam &lt;sam@gemeente.nl&gt;.
	 */
	public static boolean mailable(String address) {
		return address.length() <= MAX_ADDRESS
				&& address.chars().noneMatch(c -> Character.isWhitespace(c) || c == '<' || c == '(')
				&& MailAddresses.deliverable(address) && !MailAddresses.dotlessDomain(address);
	}

	/**
	 * A web page over https with a name on the internet: the statement links to it for anyone to open, and a
	 * plain http or javascript link there would be a way to lead a reader elsewhere.
	 */
	public static boolean secureLink(String link) {
		if (link.length() > MAX_LINK) {
			return false;
		}
		try {
			URI uri = new URI(link);
			String host = uri.getHost();
			return "https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT)) && host != null
					&& host.indexOf('.') > 0 && !host.endsWith(".") && uri.getRawUserInfo() == null;
		}
		catch (URISyntaxException notALink) {
			return false;
		}
	}
}
