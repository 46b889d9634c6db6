package nl.briefwissel.housestyle;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.organisation.Organisations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page served while an administrator's change is being committed read the old row and kept it for a
 * minute on the node that made the change: the style is forgotten again once the change is committed.
 */
@BriefwisselTest
class HouseStyleKeptTests {

	@Autowired
	HouseStyles houseStyles;

	@Autowired
	Organisations organisations;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void aPageServedDuringTheChangeDoesNotKeepTheOldStyleAfterIt() {
		UUID organisation = organisations.create("Gemeente Tussendoor " + UUID.randomUUID()).id();
		assertThat(houseStyles.current(organisation)).isEmpty();
		HouseStyle dark = new HouseStyle(new Colour("#1a1a1a"), new Colour("#ffffff"), new Colour("#00568b"),
				new Colour("#1a1a1a"), new Colour("#ffffff"), "Tussendoor");
		transaction.executeWithoutResult(status -> {
			houseStyles.save(organisation, dark);
			// Another request, on another connection, between the change and its commit: it sees the old row.
			Optional<HouseStyles.Current> during = CompletableFuture.supplyAsync(() -> houseStyles.current(organisation)).join();
			assertThat(during).isEmpty();
		});
		assertThat(houseStyles.current(organisation)).map(HouseStyles.Current::style).contains(dark);
	}
}
