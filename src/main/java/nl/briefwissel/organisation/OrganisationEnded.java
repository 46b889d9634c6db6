package nl.briefwissel.organisation;

import java.util.UUID;

/**
 * An organisation was ended (decision 0073), in the ending's transaction: a module that keeps something of
 * its own for the organisation lets it go in the same transaction, so that nothing of it outlives the ending.
 */
public record OrganisationEnded(UUID organisationId) {
}
