package nl.briefwissel.audit.web;

import java.util.Map;
import java.util.UUID;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stored line is read back: fields apart, people by name, the trail's own words translated, nothing lost. */
class TrailLineTests {

	@Test
	void aStoredLineIsReadFieldByFieldWithThePeopleByName() {
		UUID anna = UUID.randomUUID();
		UUID erased = UUID.randomUUID();
		UUID programme = UUID.randomUUID();
		AuditEntry entry = new AuditEntry(UUID.randomUUID(), null, null, "Pim", null, "PROGRAMME_MANAGER",
				AuditAction.ADMINISTRATION, "POST /programme/programmes/{id}/coaches", null,
				"coach=" + anna + "|" + erased + ", id=" + programme + ", name=Talent, in beweging, outcome=refused, open=false", null);
		Map<UUID, TrailLine.Part> people = Map.of(anna, new TrailLine.Part(anna.toString(), null, "Anna de Vries"), erased,
				new TrailLine.Part(erased.toString(), "account.erasedName", null));

		assertThat(TrailLine.ids(java.util.List.of(entry))).containsExactly(anna, erased, programme);
		TrailLine line = TrailLine.of(entry, people::get);

		assertThat(line.routeKey()).isEqualTo("audit.route.post.programme.programmes.id.coaches");
		assertThat(line.details()).extracting(TrailLine.Detail::name).containsExactly("coach", "id", "name", "outcome", "open");
		assertThat(line.details().get(0).labelKey()).isEqualTo("audit.detail.coach");
		assertThat(line.details().get(0).parts()).containsExactly(people.get(anna), people.get(erased));
		// An id that is no account's (a programme) stays as stored, under its own label.
		assertThat(line.details().get(1).labelKey()).isEqualTo("audit.detail.id");
		assertThat(line.details().get(1).parts()).containsExactly(new TrailLine.Part(programme.toString(), null, null));
		// A value with a comma in it stays one value.
		assertThat(line.details().get(2).parts()).containsExactly(new TrailLine.Part("Talent, in beweging", null, null));
		assertThat(line.details().get(3).parts()).containsExactly(new TrailLine.Part("refused", "audit.outcome.refused", null));
		assertThat(line.details().get(4).parts()).containsExactly(new TrailLine.Part("false", "audit.value.false", null));
	}

	/** A form's fixed choice is said in the words of its page, a day as a day: both were shown as stored. */
	@Test
	void aChoiceOfASettingsPageAndADayAreReadAsWordsAndADay() {
		AuditEntry entry = new AuditEntry(UUID.randomUUID(), null, null, "Pim", null, "PROGRAMME_MANAGER",
				AuditAction.ADMINISTRATION, "POST /programme/trajectories/{id}/propose", null,
				"mailMode=NOTIFICATION, startOn=2020-01-01, until=6-12-2026, pausedUntil=morgen", null);
		TrailLine line = TrailLine.of(entry, id -> null);
		assertThat(line.details().get(0).parts())
			.containsExactly(new TrailLine.Part("NOTIFICATION", "programme.settings.mailMode.NOTIFICATION", null));
		assertThat(line.details().get(1).parts())
			.containsExactly(new TrailLine.Part("2020-01-01", null, null, java.time.LocalDate.of(2020, 1, 1)));
		assertThat(line.details().get(2).parts())
			.containsExactly(new TrailLine.Part("6-12-2026", null, null, java.time.LocalDate.of(2026, 12, 6)));
		// What no day can be read from stays as typed.
		assertThat(line.details().get(3).parts()).containsExactly(new TrailLine.Part("morgen", null, null));
	}

	@Test
	void anAccountsIdIsLabelledAsTheAccount() {
		UUID account = UUID.randomUUID();
		AuditEntry entry = new AuditEntry(UUID.randomUUID(), null, null, "Beheer", null, "ADMINISTRATOR",
				AuditAction.ADMINISTRATION, "POST /admin/accounts/{id}/unlock", null, "id=" + account, null);
		TrailLine line = TrailLine.of(entry, id -> id.equals(account) ? new TrailLine.Part(id.toString(), null, "Sam") : null);
		assertThat(line.details()).singleElement().extracting(TrailLine.Detail::labelKey).isEqualTo("audit.detail.account");
		// A route stored as its address (no pattern answered) has no words: it is shown as stored.
		assertThat(TrailLine.routeKey("/admin/iets")).isNull();
	}

	/**
	 * A typed value is one value whatever it holds: a bar was read as a list (Pilot , Noord) and a comma before
	 * something like a field cut it in two. Only the lists (coaches, specialisms, changed fields) are split at a
	 * bar, and only a name the trail writes starts a field.
	 */
	@Test
	void aTypedValueWithABarOrWhatLooksLikeAFieldStaysOneValue() {
		UUID programme = UUID.randomUUID();
		UUID anna = UUID.randomUUID();
		UUID bert = UUID.randomUUID();
		AuditEntry entry = new AuditEntry(UUID.randomUUID(), null, null, "Pim", null, "PROGRAMME_MANAGER",
				AuditAction.ADMINISTRATION, "POST /programme/programmes", null,
				"changed=weeks|label, coach=" + anna + "|" + bert + ", id=" + programme + ", label=Werk | zorg, x=1, name=Pilot | Noord, stad=Utrecht, specialism=werk|zorg",
				null);
		TrailLine line = TrailLine.of(entry, id -> null);

		assertThat(line.details()).extracting(TrailLine.Detail::name).containsExactly("changed", "coach", "id", "label", "name",
				"specialism");
		assertThat(line.details().get(0).parts()).extracting(TrailLine.Part::text).containsExactly("weeks", "label");
		assertThat(line.details().get(1).parts()).extracting(TrailLine.Part::text).containsExactly(anna.toString(), bert.toString());
		assertThat(line.details().get(3).parts()).containsExactly(new TrailLine.Part("Werk | zorg, x=1", null, null));
		assertThat(line.details().get(4).parts()).containsExactly(new TrailLine.Part("Pilot | Noord, stad=Utrecht", null, null));
		assertThat(line.details().get(5).parts()).extracting(TrailLine.Part::text).containsExactly("werk", "zorg");
	}

	/** The lines the application writes itself have names of several words: each is a field of its own. */
	@Test
	void aLineTheApplicationWroteIsReadByItsOwnNames() {
		UUID organisation = UUID.randomUUID();
		AuditEntry entry = new AuditEntry(UUID.randomUUID(), null, null, "Beheer", null, "ADMINISTRATOR",
				AuditAction.ADMINISTRATION, "organisation ended", null, "organisation=" + organisation
						+ ", name=Gemeente Noord | Zuid, participants erased=3, participants kept=1, accounts removed=2, accounts kept=0",
				null);
		TrailLine line = TrailLine.of(entry, id -> null);
		assertThat(line.details()).extracting(TrailLine.Detail::name).containsExactly("organisation", "name",
				"participants erased", "participants kept", "accounts removed", "accounts kept");
		assertThat(line.details().get(1).parts()).containsExactly(new TrailLine.Part("Gemeente Noord | Zuid", null, null));
	}
}
