package nl.briefwissel.housestyle;

import nl.briefwissel.organisation.OrganisationEnded;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An ended organisation has no house style: its name in the header is its data too (decision 0073). In the
 * ending's own transaction, so an ending that rolls back keeps it.
 */
@Component
class EndedOrganisationStyles {

	private final HouseStyles styles;

	EndedOrganisationStyles(HouseStyles styles) {
		this.styles = styles;
	}

	@EventListener
	void on(OrganisationEnded ended) {
		styles.standard(ended.organisationId());
	}
}
