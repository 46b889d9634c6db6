package nl.briefwissel.organisation;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A programme manager who makes a mistake in a form comes back to that form, on the programme it was
 * about, finds what they typed and reads what is wrong at the field (WCAG 3.3.1, 3.3.3).
 */
@BriefwisselTest
class ProgrammeFormMistakesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Test
	void aNewProgrammeWithAWrongAddressComesBackAsTypedAndAMadeOneIsShownAtItsCard() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Vergissing " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);

		MvcResult refused = mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager))
			.param("name", "Talent " + suffix).param("intakeAddress", "talent@"))
			.andExpect(redirectedUrl("/programme#new-programme"))
			.andReturn();
		assertThat(programmes.ofOrganisation(organisation.id())).isEmpty();
		Document page = pageAfter(refused, "/programme", manager);
		assertThat(page.getElementById("new-programme").hasAttr("open")).isTrue();
		assertThat(page.getElementById("new-name").attr("value")).isEqualTo("Talent " + suffix);
		assertThat(page.getElementById("new-name").hasAttr("aria-invalid")).isFalse();
		Element intake = page.getElementById("new-intake");
		assertThat(intake.attr("value")).isEqualTo("talent@");
		assertThat(intake.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, intake)).extracting(Element::id).containsExactly("new-intake-help", "new-intake-error");
		assertThat(page.getElementById("new-intake-error").text()).isNotBlank();

		MvcResult made = mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager))
			.param("name", "Talent " + suffix))
			.andReturn();
		Programme programme = programmes.ofOrganisation(organisation.id()).get(0);
		assertThat(made.getResponse().getRedirectedUrl()).isEqualTo("/programme#programme-" + programme.id());
		Element card = pageAfter(made, "/programme", manager).getElementById("programme-" + programme.id());
		assertThat(card.select(".utrecht-alert--ok[role=status]")).hasSize(1);
	}

	/**
	 * The new-programme form with both fields wrong put the focus on its name field and said the rest only at each
	 * field: it has the error summary of the other forms on the page (decision 0061), an alert that takes the focus
	 * and links to each refused field in the form's order with the sentence said at the field, in either language,
	 * and gives back what was typed.
	 */
	@Test
	void aNewProgrammeWithBothFieldsWrongIsSummedUpAboveTheFormAsTyped() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Samenvatting " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		for (String[] language : new String[][] { { "nl", "Nog niet alles is goed ingevuld", "Geef het programma een naam." },
				{ "en", "Some answers still need attention", "Give the programme a name." } }) {
			MvcResult refused = mvc.perform(post("/programme/programmes").param("lang", language[0]).with(csrf())
				.with(fixtures.as(manager)).param("name", "   ").param("intakeAddress", "talent@"))
				.andExpect(redirectedUrl("/programme#new-programme"))
				.andReturn();
			assertThat(programmes.ofOrganisation(organisation.id())).isEmpty();

			Document page = pageAfter(refused, "/programme?lang=" + language[0], manager);
			Element summary = page.getElementById("new-programme-errors");
			assertThat(summary).as("the error summary").isNotNull();
			assertThat(summary.attr("role")).isEqualTo("alert");
			assertThat(summary.attr("tabindex")).isEqualTo("-1");
			assertThat(summary.closest("form")).isSameAs(page.getElementById("new-name").closest("form"));
			assertThat(summary.selectFirst("h2").text()).as(language[0]).isEqualTo(language[1]);
			assertThat(summary.select("li a")).extracting(link -> link.attr("href")).containsExactly("#new-name", "#new-intake");
			// An empty name is told to give one; the length is said only to a name too long (below).
			assertThat(summary.selectFirst("a[href=#new-name]").text()).as(language[0]).isEqualTo(language[2]);
			for (String field : new String[] { "new-name", "new-intake" }) {
				assertThat(page.getElementById(field).attr("aria-invalid")).as(field).isEqualTo("true");
				assertThat(summary.selectFirst("a[href=#" + field + "]").text()).as(field)
					.isNotBlank().isEqualTo(page.getElementById(field + "-error").text());
			}
			assertThat(describedBy(page, page.getElementById("new-name"))).extracting(Element::id).containsExactly("new-name-error");
			assertThat(describedBy(page, page.getElementById("new-intake"))).extracting(Element::id)
				.containsExactly("new-intake-help", "new-intake-error");
			assertThat(page.select("[autofocus]")).extracting(Element::id).containsExactly("new-programme-errors");
			assertThat(page.getElementById("new-name").attr("value")).isEqualTo("   ");
			assertThat(page.getElementById("new-intake").attr("value")).isEqualTo("talent@");
		}
	}

	/**
	 * An empty name was told the length ("Geef het programma een naam van hoogstens 200 tekens"), which read as if
	 * the name typed were too long: an empty name is asked for, and only a name over 200 characters hears the length.
	 */
	@Test
	void anEmptyNameIsAskedForAndOnlyALongNameHearsTheLength() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Lege Naam " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String[][] cases = { { "nl", "", "Geef het programma een naam." }, { "en", "", "Give the programme a name." },
				{ "nl", "n".repeat(201), "Geef het programma een naam van hoogstens 200 tekens." },
				{ "en", "n".repeat(201), "Give the programme a name of at most 200 characters." } };
		for (String[] example : cases) {
			MvcResult refused = mvc.perform(post("/programme/programmes").param("lang", example[0]).with(csrf())
				.with(fixtures.as(manager)).param("name", example[1]))
				.andExpect(redirectedUrl("/programme#new-programme"))
				.andReturn();
			Document page = pageAfter(refused, "/programme?lang=" + example[0], manager);
			assertThat(page.getElementById("new-name-error").text()).as(example[0] + " " + example[1].length())
				.isEqualTo(example[2]);
		}
		assertThat(programmes.ofOrganisation(organisation.id())).isEmpty();
	}

	/**
	 * A second programme of a name the organisation has (in other capitals too) was made without a word: two cards
	 * and two lines in every chooser nobody could tell apart. It is refused at the name, in either language, with
	 * what was typed kept; a double click on one form still lands on the programme its first press made.
	 */
	@Test
	void aNewProgrammeWithANameTheOrganisationHasIsRefusedAtTheName() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Dubbele Naam " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Talent " + suffix)
				.param("creation", "eerste-formulier-" + suffix))
				.andExpect(flash().attributeExists("created"));
		}
		for (String[] language : new String[][] { { "nl", "Je organisatie heeft al een programma met deze naam." },
				{ "en", "Your organisation already has a programme with this name." } }) {
			MvcResult refused = mvc.perform(post("/programme/programmes").param("lang", language[0]).with(csrf())
				.with(fixtures.as(manager)).param("name", "TALENT " + suffix).param("creation", "tweede-formulier-" + language[0] + suffix))
				.andExpect(redirectedUrl("/programme#new-programme"))
				.andReturn();
			Document page = pageAfter(refused, "/programme?lang=" + language[0], manager);
			assertThat(page.getElementById("new-programme-errors").select("li a")).extracting(link -> link.attr("href"))
				.containsExactly("#new-name");
			assertThat(page.getElementById("new-name-error").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.getElementById("new-name").attr("value")).isEqualTo("TALENT " + suffix);
		}
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name).containsExactly("Talent " + suffix);
		// Another organisation may have a programme of that name.
		var other = organisations.create("Gemeente Andere " + suffix);
		Account otherManager = fixtures.person(other.id(), "pm2-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(otherManager)).param("name", "Talent " + suffix))
			.andExpect(flash().attributeExists("created"));
	}

	/**
	 * A name the organisation has and an address that is wrong, in one press: the name was checked only once every
	 * address check had passed, so the form came back with the address only, and the name was refused at the next
	 * press. Both are said at once, in the summary and at each field, as the form says it checks them.
	 */
	@Test
	void aTakenNameAndAWrongAddressAreSaidAtOnce() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Twee Fouten " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		programmes.create(organisation.id(), "Talent " + suffix, null, null);
		String taken = "bestaand-" + suffix + "@briefwissel.test";
		programmes.create(organisations.create("Gemeente Elders " + suffix).id(), "Elders " + suffix, taken, null);

		for (String address : new String[] { "talent@", taken }) {
			MvcResult refused = mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager))
				.param("name", "talent " + suffix).param("intakeAddress", address).param("creation", UUID.randomUUID().toString()))
				.andExpect(redirectedUrl("/programme#new-programme"))
				.andReturn();
			Document page = pageAfter(refused, "/programme", manager);
			assertThat(page.getElementById("new-programme-errors").select("li a")).as(address)
				.extracting(link -> link.attr("href")).containsExactly("#new-name", "#new-intake");
			assertThat(page.getElementById("new-name-error").text()).as(address)
				.startsWith("Je organisatie heeft al een programma met deze naam.");
			assertThat(page.getElementById("new-intake").attr("aria-invalid")).as(address).isEqualTo("true");
		}
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name).containsExactly("Talent " + suffix);
	}

	/**
	 * A form sent while the organisation was being ended waited for the ending's lock on the organisation and then
	 * made the programme (with its intake address live) in an organisation that had ended. It is refused at the
	 * form, in either language, and nothing is made; the service refuses too.
	 */
	@Test
	void aNewProgrammeSentWhileTheOrganisationIsEndedIsRefused(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc,
			@Autowired PlatformTransactionManager transactions) throws Exception {
		for (String[] language : new String[][] { { "nl", "Je organisatie is beëindigd" },
				{ "en", "Your organisation has ended" } }) {
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			var organisation = organisations.create("Gemeente Beeindigd " + suffix);
			Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
			java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
			java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
			CompletableFuture<Void> ending = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
				.executeWithoutResult(tx -> {
					jdbc.sql("update organisation set ended_at = current_timestamp where id = :id").param("id", organisation.id()).update();
					held.countDown();
					try {
						commit.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
					}
				}));
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<MvcResult> sent = CompletableFuture.supplyAsync(() -> {
				try {
					return mvc.perform(post("/programme/programmes").param("lang", language[0]).with(csrf())
						.with(fixtures.as(manager)).param("name", "Talent " + suffix)
						.param("intakeAddress", "einde-" + suffix + "@briefwissel.test").param("creation", "formulier-" + suffix))
						.andReturn();
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
			Thread.sleep(400);
			commit.countDown();
			ending.get(10, TimeUnit.SECONDS);
			MvcResult refused = sent.get(10, TimeUnit.SECONDS);
			assertThat(refused.getResponse().getRedirectedUrl()).as(language[0]).isEqualTo("/programme#new-programme");
			assertThat(((java.util.Map<?, ?>) refused.getFlashMap().get("createMessages")).get("name").toString()).as(language[0])
				.startsWith(language[1]);
			assertThat(programmes.ofOrganisation(organisation.id())).as(language[0]).isEmpty();
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> programmes.create(organisation.id(), "Talent " + suffix, null, null, "dienst-" + suffix))
				.isInstanceOf(Programmes.OrganisationEndedException.class);
		}
	}

	/**
	 * Two forms of one name sent at once (two tabs, two managers, two nodes): each counted no programme of that name
	 * before the other had written it, and both were made. The second now waits for the first to end and is refused.
	 */
	@Test
	void twoFormsOfOneNameAtOnceMakeOneProgramme(@Autowired PlatformTransactionManager transactions) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Tegelijk " + suffix);
		AtomicReference<CompletableFuture<Object>> second = new AtomicReference<>();
		new TransactionTemplate(transactions).executeWithoutResult(first -> {
			programmes.create(organisation.id(), "Talent " + suffix, null, null, "eerste-tab-" + suffix);
			second.set(CompletableFuture.supplyAsync(() -> {
				try {
					return programmes.create(organisation.id(), "TALENT " + suffix, null, null, "tweede-tab-" + suffix);
				}
				catch (Programmes.NameTakenException refused) {
					return refused;
				}
			}));
			try {
				// Without a turn to wait for, the second is made and committed while the first is still open.
				second.get().get(500, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException waits) {
				// as it should: it waits for the first to end
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		assertThat(second.get().get(10, TimeUnit.SECONDS)).isInstanceOf(Programmes.NameTakenException.class);
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name).containsExactly("Talent " + suffix);
	}

	@Test
	void aThemeWithoutItsEnglishLabelComesBackAtThatField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = manager(running);
		String id = running.programmeId().toString();
		MvcResult refused = mvc.perform(post("/programme/programmes/{id}/themes", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("labelNl", "Werk en mantelzorg").param("labelEn", ""))
			.andExpect(redirectedUrl("/programme#themes-" + id))
			.andReturn();

		Document page = pageAfter(refused, "/programme", manager);
		assertThat(page.getElementById("themes-" + id).hasAttr("open")).isTrue();
		assertThat(page.getElementById("theme-nl-" + id).attr("value")).isEqualTo("Werk en mantelzorg");
		assertThat(page.getElementById("theme-nl-" + id).hasAttr("aria-invalid")).isFalse();
		Element english = page.getElementById("theme-en-" + id);
		assertThat(english.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, english)).extracting(Element::id).containsExactly("theme-en-error-" + id);
	}

	/**
	 * A theme with both labels wrong said so only at each field, with the focus on the first: the theme form has
	 * the settings form's error summary (decision 0061), an alert that takes the focus and links to each refused
	 * label in the form's order with the sentence said at the field, and no field asks for the focus itself.
	 */
	@Test
	void aThemeWithBothLabelsWrongIsSummedUpAboveTheFormInItsOrder() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = manager(running);
		String id = running.programmeId().toString();
		MvcResult refused = mvc.perform(post("/programme/programmes/{id}/themes", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("labelNl", "").param("labelEn", "x".repeat(201)))
			.andExpect(redirectedUrl("/programme#themes-" + id))
			.andReturn();

		Document page = pageAfter(refused, "/programme", manager);
		Element summary = page.getElementById("theme-errors-" + id);
		assertThat(summary).as("the error summary").isNotNull();
		assertThat(summary.attr("role")).isEqualTo("alert");
		assertThat(summary.attr("tabindex")).isEqualTo("-1");
		assertThat(summary.closest("form")).isSameAs(page.getElementById("theme-nl-" + id).closest("form"));
		assertThat(summary.selectFirst("h3").text()).isEqualTo("Nog niet alles is goed ingevuld");
		assertThat(summary.select("li a")).extracting(link -> link.attr("href"))
			.containsExactly("#theme-nl-" + id, "#theme-en-" + id);
		for (String field : new String[] { "theme-nl-", "theme-en-" }) {
			assertThat(page.getElementById(field + id).attr("aria-invalid")).as(field).isEqualTo("true");
			assertThat(summary.selectFirst("a[href=#" + field + id + "]").text()).as(field)
				.isNotBlank().isEqualTo(page.getElementById(field + "error-" + id).text());
		}
		assertThat(page.select("[autofocus]")).extracting(Element::id).containsExactly("theme-errors-" + id);
		// Each line says which of the two: the same sentence twice, linked to two fields, told a screen reader nothing.
		assertThat(summary.select("li a").eachText()).containsExactly("Vul het thema in het Nederlands in, hoogstens 200 tekens.",
				"Vul hetzelfde thema in het Engels in, hoogstens 200 tekens.");
	}

	/**
	 * A label over 200 characters said the framework's "grootte moet tussen 0 en 200 liggen" / "size must be
	 * between 0 and 200": the form's own sentence says what is wanted, in either language.
	 */
	@Test
	void aThemeLabelTooLongIsToldInTheFormsOwnWords() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = manager(running);
		String id = running.programmeId().toString();
		for (String[] language : new String[][] { { "nl", "in het Engels in, hoogstens 200 tekens" }, { "en", "in English, at most 200 characters" } }) {
			MvcResult refused = mvc.perform(post("/programme/programmes/{id}/themes", running.programmeId()).param("lang", language[0])
				.with(csrf()).with(fixtures.as(manager)).param("labelNl", "Werk en mantelzorg").param("labelEn", "x".repeat(201)))
				.andExpect(redirectedUrl("/programme#themes-" + id))
				.andReturn();
			Document page = pageAfter(refused, "/programme?lang=" + language[0], manager);
			Element english = page.getElementById("theme-en-" + id);
			assertThat(english.attr("aria-invalid")).isEqualTo("true");
			assertThat(page.getElementById("theme-en-error-" + id).text()).as(language[0]).contains(language[1])
				.doesNotContain("grootte", "size must");
		}
	}

	@Test
	void aWrongEmployerAddressComesBackAsTypedNotAsTheStoredOne() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = manager(running);
		String id = running.programmeId().toString();
		mvc.perform(post("/programme/programmes/{id}/employer-contact", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("employerContact", "hr@gemeente.nl"))
			.andExpect(redirectedUrl("/programme#employer-form-" + id));
		MvcResult refused = mvc.perform(post("/programme/programmes/{id}/employer-contact", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("employerContact", "hr@gemeente"))
			.andExpect(redirectedUrl("/programme#employer-form-" + id))
			.andReturn();

		Document page = pageAfter(refused, "/programme", manager);
		Element address = page.getElementById("employer-" + id);
		assertThat(address.attr("value")).isEqualTo("hr@gemeente");
		assertThat(address.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, address)).extracting(Element::id)
			.containsExactly("employer-help-" + id, "employer-error-" + id);
		assertThat(programmes.employerContact(running.programmeId())).contains("hr@gemeente.nl");
		// The confirmation goes to the employer's address: it read as if the participants received it there.
		assertThat(page.getElementById("employer-help-" + id).text())
			.contains("dan gaat er een bevestiging van start en afronding naar dit adres").doesNotContain("krijgen hier");
	}

	@Test
	void anInvitationWithAWrongAddressComesBackAsTypedAtTheInviteForm() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = manager(running);
		String id = running.programmeId().toString();
		MvcResult refused = mvc.perform(post("/programme/programmes/{id}/invitations", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("name", "Nina Vos").param("email", "nina@").param("language", "en"))
			.andExpect(redirectedUrl("/programme/intakes#invite-" + id))
			.andReturn();

		Document page = pageAfter(refused, "/programme/intakes", manager);
		assertThat(page.getElementById("invite-" + id)).isNotNull();
		assertThat(page.getElementById("invite-name-" + id).attr("value")).isEqualTo("Nina Vos");
		assertThat(page.getElementById("invite-name-" + id).hasAttr("aria-invalid")).isFalse();
		Element email = page.getElementById("invite-email-" + id);
		assertThat(email.attr("value")).isEqualTo("nina@");
		assertThat(email.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, email)).extracting(Element::id).containsExactly("invite-email-error-" + id);
		assertThat(page.getElementById("invite-email-error-" + id).text()).isNotBlank();
		assertThat(page.getElementById("invite-language-" + id).selectFirst("option[selected]").val()).isEqualTo("en");
	}

	/**
	 * The stored list holds 4,000 characters: one that does not fit, a word too long for a jargon word,
	 * or more words than the list takes, is not cut off in silence (nor answered with an error page)
	 * but comes back as typed, with the reason at the field.
	 */
	@Test
	void aJargonListThatDoesNotFitComesBackAsTypedWithTheReasonAtTheField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = manager(running);
		String id = running.programmeId().toString();
		StringBuilder words = new StringBuilder();
		for (int n = 0; n < 100; n++) {
			words.append(n == 0 ? "" : ", ").append(String.format("vaktaalwoord-%03d-", n)).append("x".repeat(23));
		}
		String tooMuch = words.toString();
		assertThat(tooMuch).hasSizeGreaterThan(4_000);

		MvcResult refused = mvc.perform(post("/programme/programmes/{id}/jargon", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("jargon", tooMuch))
			.andExpect(redirectedUrl("/programme#jargon-form-" + id))
			.andReturn();
		assertThat(programmes.byId(running.programmeId()).orElseThrow().jargon()).isEmpty();
		Document page = pageAfter(refused, "/programme", manager);
		Element list = page.getElementById("jargon-" + id);
		assertThat(list.val()).isEqualTo(tooMuch);
		assertThat(list.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, list)).extracting(Element::id).containsExactly("jargon-help-" + id, "jargon-error-" + id);
		assertThat(page.getElementById("jargon-error-" + id).text()).contains("4.000", "4.198");

		String longWord = "talentpool, " + "loopbaanontwikkelingsgesprek".repeat(3) + ", mobiliteitsbank";
		refused = mvc.perform(post("/programme/programmes/{id}/jargon", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("jargon", longWord))
			.andExpect(redirectedUrl("/programme#jargon-form-" + id))
			.andReturn();
		page = pageAfter(refused, "/programme", manager);
		assertThat(page.getElementById("jargon-" + id).val()).isEqualTo(longWord);
		assertThat(page.getElementById("jargon-error-" + id).text()).contains("loopbaanontwikkelingsgesprek", "60");

		StringBuilder many = new StringBuilder();
		for (int n = 0; n < 201; n++) {
			many.append("w").append(n).append('\n');
		}
		refused = mvc.perform(post("/programme/programmes/{id}/jargon", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("jargon", many.toString()))
			.andExpect(redirectedUrl("/programme#jargon-form-" + id))
			.andReturn();
		assertThat(pageAfter(refused, "/programme", manager).getElementById("jargon-error-" + id).text()).contains("200", "201");
		assertThat(programmes.byId(running.programmeId()).orElseThrow().jargon()).isEmpty();

		MvcResult saved = mvc.perform(post("/programme/programmes/{id}/jargon", running.programmeId()).with(csrf())
			.with(fixtures.as(manager)).param("jargon", "talentpool, mobiliteitsbank"))
			.andExpect(redirectedUrl("/programme#jargon-form-" + id))
			.andReturn();
		assertThat(programmes.byId(running.programmeId()).orElseThrow().jargon()).containsExactly("talentpool", "mobiliteitsbank");
		page = pageAfter(saved, "/programme", manager);
		assertThat(page.getElementById("jargon-error-" + id)).isNull();
		assertThat(page.getElementById("jargon-" + id).hasAttr("aria-invalid")).isFalse();
	}

	private Account manager(Fixtures.RunningTrajectory running) {
		return fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
	}

	/** The page the redirect leads to, with the session it carried: flash messages travel in it, as in a browser. */
	private Document pageAfter(MvcResult redirect, String path, Account account) throws Exception {
		// The page after a refusal that says so answers 422, the form again (decision 0139, amended); otherwise 200.
		boolean refused = redirect.getFlashMap().containsKey(nl.briefwissel.RefusedForm.AFTER_REDIRECT);
		return Jsoup.parse(mvc.perform(get(path).cookie(redirect.getResponse().getCookies()).with(fixtures.as(account)))
			.andExpect(status().is(refused ? 422 : 200))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}
}
