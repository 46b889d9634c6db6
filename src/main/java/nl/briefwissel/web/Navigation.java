package nl.briefwissel.web;

import java.util.List;
import java.util.Map;

import nl.briefwissel.account.Role;

/**
 * The navigation each role has. Paths under a role's area are reachable only by that role
 * (see {@link WebSecurity}).
 */
final class Navigation {

	record Item(String path, String labelKey) {
	}

	private static final Map<Role, List<Item>> BY_ROLE = Map.of(
			Role.PARTICIPANT, List.of(new Item("/participant", "nav.participant.home"),
					new Item("/participant/conversation", "nav.participant.conversation"),
					new Item("/participant/report", "nav.participant.report"),
					new Item("/participant/privacy", "nav.participant.privacy")),
			Role.COACH, List.of(new Item("/coach", "nav.coach.home"),
					new Item("/coach/quarantine", "nav.coach.quarantine"),
					new Item("/coach/assignments", "nav.coach.assignments"),
					new Item("/coach/saved-replies", "nav.coach.savedReplies"),
					new Item("/coach/writing", "nav.coach.writing"),
					new Item("/coach/settings", "nav.coach.settings")),
			Role.PROGRAMME_MANAGER, List.of(new Item("/programme", "nav.programme.home"),
					new Item("/programme/intakes", "nav.programme.intakes"),
					new Item("/programme/statistics", "nav.programme.statistics"),
					new Item("/programme/evaluations", "nav.programme.evaluations")),
			Role.ADMINISTRATOR, List.of(new Item("/admin", "nav.admin.home"),
					new Item("/admin/organisations", "nav.admin.organisations"),
					new Item("/admin/coaches", "nav.admin.coaches"),
					new Item("/admin/quarantine", "nav.admin.quarantine"),
					new Item("/admin/assignments", "nav.admin.assignments"),
					new Item("/admin/audit", "nav.admin.audit"),
					new Item("/admin/sign-in", "nav.admin.signIn"),
					new Item("/admin/erasure", "nav.admin.erasure"),
					new Item("/admin/processing", "nav.admin.processing")));

	private Navigation() {
	}

	static List<Item> of(Role role) {
		return BY_ROLE.getOrDefault(role, List.of());
	}

	/**
	 * The menu of someone with these roles on this page. A coach or manager who applied as a participant
	 * (the intake adds the role to their account) has their work's menu with a way to their own
	 * trajectory, and on its pages the participant's menu with a way back: the participant's pages,
	 * their record and their data request, were reachable only by typing the address.
	 */
	static List<Item> of(java.util.Set<Role> roles, Role primary, String path) {
		if (primary == Role.PARTICIPANT || !roles.contains(Role.PARTICIPANT)) {
			return of(primary);
		}
		if (path.equals("/participant") || path.startsWith("/participant/")) {
			List<Item> items = new java.util.ArrayList<>(of(Role.PARTICIPANT));
			items.add(new Item(startPage(primary), "nav.backToWork"));
			return List.copyOf(items);
		}
		List<Item> items = new java.util.ArrayList<>(of(primary));
		items.add(new Item("/participant", "nav.asParticipant"));
		return List.copyOf(items);
	}

	static String startPage(Role role) {
		return of(role).get(0).path();
	}
}
