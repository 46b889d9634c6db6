package nl.briefwissel.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first organisation and administrator of a new installation ({@link Installation}): used once, while
 * the database has no administrator, and harmless afterwards.
 *
 * @param organisation the organisation's name
 * @param administrator the administrator's e-mail address: a mail with a link to choose a password goes there
 * @param administratorName how the administrator is called in Briefwissel; the address's name when empty
 */
@ConfigurationProperties("briefwissel.setup")
record SetupProperties(String organisation, String administrator, String administratorName) {

	boolean given() {
		return administrator != null && !administrator.isBlank();
	}
}
