package nl.briefwissel.web;

import java.util.Set;

import nl.briefwissel.account.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coach or manager who is also a participant (the intake adds the role to their account) reaches
 * their own trajectory from their menu, and their work from its pages; the others keep their menu.
 */
class NavigationTests {

	@Test
	void aCoachWhoIsAlsoAParticipantHasAWayToTheirTrajectoryAndBack() {
		Set<Role> both = Set.of(Role.COACH, Role.PARTICIPANT);
		assertThat(Navigation.of(both, Role.COACH, "/coach")).extracting(Navigation.Item::path)
			.startsWith("/coach").endsWith("/participant");
		assertThat(Navigation.of(both, Role.COACH, "/participant/report")).extracting(Navigation.Item::path)
			.containsExactly("/participant", "/participant/conversation", "/participant/report", "/participant/privacy", "/coach");
		assertThat(Navigation.of(both, Role.COACH, "/participantsomething")).extracting(Navigation.Item::path).contains("/coach/settings");
	}

	@Test
	void othersKeepTheMenuOfTheirRole() {
		assertThat(Navigation.of(Set.of(Role.COACH), Role.COACH, "/coach")).isEqualTo(Navigation.of(Role.COACH));
		assertThat(Navigation.of(Set.of(Role.PARTICIPANT), Role.PARTICIPANT, "/participant"))
			.isEqualTo(Navigation.of(Role.PARTICIPANT));
	}
}
