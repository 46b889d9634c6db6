package nl.briefwissel.audit;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lines of the trail in a row by the same person, doing the same for the same reason on one day, as one line of the
 * trail in words (audit/entries' words table): on the participant's "who looked at your data" a coach's every page
 * view was a line, fourteen identical ones within a minute. A single entry is a run of one, as on the coach's page.
 * {@code latest} is the newest of them (the trail is read newest first), {@code first} when the earliest was.
 * Only neighbours are joined: someone else's line between them keeps its place in time.
 */
public record AccessRun(AuditEntry latest, OffsetDateTime first, int times) {

	/** An entry on its own: a run of one, shown as the line itself. */
	public static AccessRun one(AuditEntry entry) {
		return new AccessRun(entry, entry.at(), 1);
	}

	/**
	 * Whether the first and the latest fall in another minute: the line then says from when to when. Every zone's
	 * offset has been whole minutes since long before the first audit line, so a minute is the same minute in UTC
	 * as on the programme's clock.
	 */
	public boolean spansMinutes() {
		return !first.toInstant().truncatedTo(ChronoUnit.MINUTES)
			.equals(latest.at().toInstant().truncatedTo(ChronoUnit.MINUTES));
	}

	/** {@code entries} newest first, as one run each where the next is the same, on the same day in {@code zone}. */
	public static List<AccessRun> of(List<AuditEntry> entries, ZoneId zone) {
		List<AccessRun> runs = new ArrayList<>();
		for (AuditEntry entry : entries) {
			AccessRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (last != null && same(last.latest(), entry, zone)) {
				runs.set(runs.size() - 1, new AccessRun(last.latest(), entry.at(), last.times() + 1));
			}
			else {
				runs.add(one(entry));
			}
		}
		return runs;
	}

	private static boolean same(AuditEntry one, AuditEntry other, ZoneId zone) {
		// No actor (a job, or an erased account): never joined, nobody can say it was one person.
		return one.actorId() != null && one.actorId().equals(other.actorId()) && one.action() == other.action()
				&& Objects.equals(one.actorName(), other.actorName()) && Objects.equals(one.actorRoles(), other.actorRoles())
				&& Objects.equals(one.reason(), other.reason())
				&& one.at().atZoneSameInstant(zone).toLocalDate().equals(other.at().atZoneSameInstant(zone).toLocalDate());
	}
}
