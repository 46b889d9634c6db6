package nl.briefwissel.organisation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A programme manager creates a programme and keeps its themes, coach pool and link; an administrator keeps coaches. */
@BriefwisselTest
class ProgrammesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Themes themes;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	/**
	 * The form's check and the write are two steps: two clicks at once both pass the check, and the
	 * database decides. The second programme does not get the address, whether made or changed.
	 */
	@Test
	void anIntakeAddressBelongsToOneProgrammeEvenPastTheFormsCheck() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Dubbel " + suffix);
		String address = "dubbel-" + suffix + "@briefwissel.test";
		Programme first = programmes.create(organisation.id(), "Eerste", address, null);
		assertThatThrownBy(() -> programmes.create(organisation.id(), "Tweede", address.toUpperCase(java.util.Locale.ROOT), null))
			.isInstanceOf(Programmes.IntakeAddressTakenException.class);
		Programme other = programmes.create(organisation.id(), "Derde", null, null);
		assertThatThrownBy(() -> programmes.changeSettings(other.id(),
				new Programmes.Settings(6, 2, 2, 24, nl.briefwissel.organisation.MailMode.FULL_TEXT, address)))
			.isInstanceOf(Programmes.IntakeAddressTakenException.class);
		assertThat(programmes.byIntakeAddress(address)).map(Programme::id).contains(first.id());
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name).containsExactlyInAnyOrder("Eerste", "Derde");
	}

	/**
	 * The rules of a new programme were the form's alone: demo data, an import or any other caller of the plain create
	 * made a second programme of a name the organisation had, and one in an organisation that had ended (its intake
	 * address taking in mail). Every way of making one is refused now, as the form is, and nothing is made.
	 */
	@Test
	void everyWayOfMakingAProgrammeKeepsItsNameOnceAndNoneInAnEndedOrganisation(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Regels " + suffix);
		String address = "regels-" + suffix + "@briefwissel.test";
		programmes.create(organisation.id(), "Talent " + suffix, null, null);
		assertThatThrownBy(() -> programmes.create(organisation.id(), "TALENT " + suffix, address, null))
			.isInstanceOf(Programmes.NameTakenException.class);
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name).containsExactly("Talent " + suffix);
		assertThat(programmes.byIntakeAddress(address)).isEmpty();
		// Another organisation may have a programme of that name.
		assertThat(programmes.create(organisations.create("Gemeente Elders " + suffix).id(), "Talent " + suffix, null, null)).isNotNull();

		jdbc.sql("update organisation set ended_at = current_timestamp where id = :id").param("id", organisation.id()).update();
		assertThatThrownBy(() -> programmes.create(organisation.id(), "Nieuw " + suffix, address, null))
			.isInstanceOf(Programmes.OrganisationEndedException.class);
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name).containsExactly("Talent " + suffix);
		assertThat(programmes.byIntakeAddress(address)).isEmpty();
	}

	@Test
	void aManagerCreatesAProgrammeWithThePilotsThemesAndEveryCoach() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Nieuw " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Coach", Role.COACH);

		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Talent in beweging")
			.param("intakeAddress", "talent-" + suffix + "@briefwissel.test")).andExpect(flash().attributeExists("created"));
		Programme created = programmes.ofOrganisation(organisation.id()).get(0);
		assertThat(created.name()).isEqualTo("Talent in beweging");
		assertThat(created.weeks()).isEqualTo(6);
		assertThat(themes.active(created.id())).hasSize(7);
		assertThat(pool.of(created.id())).containsExactly(coach.id());

		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Tweede")
			.param("intakeAddress", "talent-" + suffix + "@briefwissel.test"))
			.andExpect(flash().attribute("createMessages", org.hamcrest.Matchers.hasKey("intakeAddress")));
		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", ""))
			.andExpect(flash().attributeExists("createMessages"));
		assertThat(programmes.ofOrganisation(organisation.id())).hasSize(1);

		mvc.perform(post("/programme/programmes/{id}/themes", created.id()).with(csrf()).with(fixtures.as(manager))
			.param("labelNl", "Werk en mantelzorg").param("labelEn", "Work and caring")).andExpect(flash().attributeExists("themesSaved"));
		assertThat(themes.active(created.id())).extracting(Theme::code).contains("WERK_EN_MANTELZORG");
		mvc.perform(post("/programme/programmes/{id}/themes/{code}", created.id(), "SURPLUS").with(csrf()).with(fixtures.as(manager))
			.param("active", "false"));
		assertThat(themes.active(created.id())).extracting(Theme::code).doesNotContain("SURPLUS");
		assertThat(themes.of(created.id())).extracting(Theme::code).contains("SURPLUS");

		mvc.perform(post("/programme/programmes/{id}/coaches", created.id()).with(csrf()).with(fixtures.as(manager)));
		assertThat(pool.of(created.id())).isEmpty();

		mvc.perform(post("/programme/programmes/{id}/public-intake", created.id()).with(csrf()).with(fixtures.as(manager))
			.param("open", "false"));
		assertThat(programmes.byId(created.id()).orElseThrow().publicIntake()).isFalse();

		mvc.perform(get("/programme").with(fixtures.as(manager))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Werk en mantelzorg")))
			.andExpect(content().string(containsString("De programmalink is gesloten")));
	}

	/**
	 * Unticking every e-coach of a programme in which someone waits for one said "opgeslagen" and left nobody to
	 * propose. Refused while an intake runs (someone waits for an e-coach or for their answer, or the link is
	 * open), in the form's error summary that leads to the first e-coach, the boxes as they were sent; a
	 * programme with no intake running can still be emptied.
	 */
	@Test
	void thePoolOfAProgrammeWithAnIntakeRunningIsNotEmptied(@Autowired nl.briefwissel.trajectory.Trajectories trajectories)
			throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Leeg " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Anja de Vries", Role.COACH);
		Programme waiting = programmes.create(organisation.id(), "Wachtend " + suffix, null, null);
		programmes.openPublicIntake(waiting.id(), false);
		pool.set(waiting.id(), List.of(coach.id()));
		Account participant = fixtures.person(organisation.id(), "d-" + suffix + "@example.nl", "Deelnemer", Role.PARTICIPANT);
		trajectories.record(waiting.id(), participant.id(), null, nl.briefwissel.trajectory.TrajectoryStatus.INTAKE, "SURPLUS",
				null, null);

		for (String[] language : new String[][] {
				{ "nl", "Kies minstens één e-coach" }, { "en", "Choose at least one e-coach" } }) {
			var refused = mvc.perform(post("/programme/programmes/{id}/coaches", waiting.id()).with(csrf()).with(fixtures.as(manager)))
				.andExpect(redirectedUrl("/programme#coaches-" + waiting.id()))
				.andExpect(flash().attribute("poolProblemFor", waiting.id()))
				.andExpect(flash().attribute(nl.briefwissel.RefusedForm.AFTER_REDIRECT, 422)) // the page after it answers 422
				.andExpect(flash().attributeCount(2))
				.andReturn();
			assertThat(pool.of(waiting.id())).containsExactly(coach.id());
			Document page = Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0]).with(fixtures.as(manager))
				.cookie(refused.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
			Element card = page.getElementById("coaches-" + waiting.id());
			assertThat(card.hasAttr("open")).isTrue();
			assertThat(card.text()).as(language[0]).doesNotContain("opgeslagen").doesNotContain("saved");
			Element summary = page.getElementById("pool-errors-" + waiting.id());
			assertThat(summary).as(language[0]).isNotNull();
			assertThat(summary.attr("role")).isEqualTo("alert");
			assertThat(summary.select("a").eachAttr("href")).containsExactly("#pool-" + waiting.id() + "-" + coach.id());
			assertThat(summary.select("a").text()).startsWith(language[1]);
			Element box = page.getElementById("pool-" + waiting.id() + "-" + coach.id());
			assertThat(box.hasAttr("checked")).as("as it was sent").isFalse();
			assertThat(describedBy(page, box.closest("fieldset"))).extracting(Element::text).containsExactly(summary.select("a").text());
		}

		// The link open is an intake running too, also with nobody waiting yet.
		Programme open = programmes.create(organisation.id(), "Open " + suffix, null, null);
		pool.set(open.id(), List.of(coach.id()));
		mvc.perform(post("/programme/programmes/{id}/coaches", open.id()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(flash().attributeExists("poolProblemFor"));
		assertThat(pool.of(open.id())).containsExactly(coach.id());

		programmes.openPublicIntake(open.id(), false);
		mvc.perform(post("/programme/programmes/{id}/coaches", open.id()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(flash().attribute("poolSaved", open.id()));
		assertThat(pool.of(open.id())).isEmpty();
	}

	/**
	 * A new programme's card said "aanmelden kan alleen op uitnodiging of per mail" without an intake address, where
	 * no mail is taken in. Each of the four ways it can be says how people apply: by the link when it is open, by
	 * mail when the programme has an intake address (named), by invitation always.
	 */
	@Test
	void theProgrammeLinkSaysHowPeopleCanApplyAsItIs() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Aanmelden " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String address = "aanmelden-" + suffix + "@briefwissel.test";
		Programme withoutAddress = programmes.create(organisation.id(), "Zonder adres", null, null);
		Programme withAddress = programmes.create(organisation.id(), "Met adres", address, null);
		for (boolean open : new boolean[] { false, true }) {
			programmes.openPublicIntake(withoutAddress.id(), open);
			programmes.openPublicIntake(withAddress.id(), open);
			for (String[] language : new String[][] { { "nl", "op uitnodiging", "per mail" }, { "en", "by invitation", "by mail" } }) {
				Document page = Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0]).with(fixtures.as(manager)))
					.andReturn().getResponse().getContentAsString());
				String none = page.getElementById("link-" + withoutAddress.id()).text();
				String mail = page.getElementById("link-" + withAddress.id()).text();
				assertThat(none).as(language[0] + (open ? " open" : " closed")).contains(language[1]).doesNotContain(language[2]);
				assertThat(mail).as(language[0] + (open ? " open" : " closed")).contains(language[1])
					.contains(language[2] + (language[0].equals("nl") ? " aan " : " to ") + address);
				assertThat(none.contains("/intake/programme/")).isEqualTo(open);
				assertThat(mail.contains("/intake/programme/")).isEqualTo(open);
			}
		}
	}

	/**
	 * A programme a manager makes starts with its programme link closed: before it has the coaches and settings it
	 * should have, anyone with the link could apply. The page says so and how to open it; opening it works as
	 * before. The link was open from the first moment, with "Programmalink sluiten" beside it.
	 */
	@Test
	void aNewProgrammesLinkStaysClosedUntilTheManagerOpensIt() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Gesloten " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);

		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Nog niet open"))
			.andExpect(flash().attributeExists("created"));
		Programme created = programmes.ofOrganisation(organisation.id()).get(0);
		assertThat(created.publicIntake()).isFalse();
		mvc.perform(get("/intake/programme/{id}", created.id()))
			.andExpect(content().string(containsString("neemt op dit moment geen aanmeldingen via deze link aan")));
		for (String[] language : new String[][] { { "nl", "Programmalink openen", "Open hem met de knop Programmalink openen" },
				{ "en", "Open programme link", "open it with the button Open programme link" } }) {
			var page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0]).with(fixtures.as(manager)))
				.andReturn().getResponse().getContentAsString());
			var link = page.getElementById("link-" + created.id());
			assertThat(link.select("button").text()).isEqualTo(language[1]);
			assertThat(link.text()).contains(language[2]);
		}

		mvc.perform(post("/programme/programmes/{id}/public-intake", created.id()).with(csrf()).with(fixtures.as(manager))
			.param("open", "true"));
		assertThat(programmes.byId(created.id()).orElseThrow().publicIntake()).isTrue();
	}

	/**
	 * A double click on "Programma aanmaken" sends one form twice: the second lands on the programme
	 * the first made (also when it took an intake address, which the form's check would find taken). A
	 * fresh form makes another. "Thema toevoegen" twice adds the theme once.
	 */
	@Test
	void aDoubleClickMakesOneProgrammeAndOneTheme(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Dubbelklik " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Document page = Jsoup.parse(mvc.perform(get("/programme").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString());
		String form = page.selectFirst("#new-programme input[name=creation]").val();
		assertThat(form).as("the form carries its own id").matches("[A-Za-z0-9]{32}");

		String[] landed = new String[2];
		for (int click = 0; click < 2; click++) {
			landed[click] = mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager))
					.param("name", "Dubbel geklikt").param("intakeAddress", "dubbel-" + suffix + "@briefwissel.test")
					.param("creation", form))
				.andExpect(flash().attributeExists("created"))
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
		}
		assertThat(programmes.ofOrganisation(organisation.id())).hasSize(1);
		Programme made = programmes.ofOrganisation(organisation.id()).get(0);
		assertThat(landed).containsOnly("/programme#programme-" + made.id());
		// On the trail as made once, and the second press as already done: not two programmes made.
		String line = "id=" + made.id() + ", intakeAddress=dubbel-" + suffix + "@briefwissel.test, name=Dubbel geklikt";
		assertThat(jdbc.sql("select details from audit_entry where actor_id = :manager and route = 'POST /programme/programmes'")
			.param("manager", manager.id())
			.query(String.class)
			.list()).containsExactlyInAnyOrder(line, line + ", outcome=already");

		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Tweede")
			.param("creation", "ander-formulier-" + suffix)).andExpect(flash().attributeExists("created"));
		assertThat(programmes.ofOrganisation(organisation.id())).extracting(Programme::name)
			.containsExactlyInAnyOrder("Dubbel geklikt", "Tweede");

		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/programme/programmes/{id}/themes", made.id()).with(csrf()).with(fixtures.as(manager))
				.param("labelNl", "Werk en mantelzorg").param("labelEn", "Work and caring"))
				.andExpect(redirectedUrl("/programme#themes-" + made.id()))
				.andExpect(flash().attributeExists("themesSaved"));
		}
		assertThat(themes.of(made.id())).extracting(Theme::labelNl).containsOnlyOnce("Werk en mantelzorg");
		assertThat(themes.of(made.id())).hasSize(8);
	}

	/**
	 * Two presses at once both find nothing made yet: the second waits for the first (on the form's
	 * id, on the programme's row) until it is committed, then gets its programme and its theme.
	 */
	@Test
	void twoPressesAtOnceMakeOneProgrammeAndOneTheme(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Tegelijk " + suffix);
		String form = "tegelijk-" + suffix + "-aangemaakt";
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var made = new java.util.concurrent.CountDownLatch(1);
			var release = new java.util.concurrent.CountDownLatch(1);
			var first = executor.submit(() -> transactions.execute(status -> {
				Programmes.Creation creation = programmes.create(organisation.id(), "Tegelijk", null, null, form);
				made.countDown();
				waitFor(release);
				return creation;
			}));
			assertThat(made.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			var second = executor.submit(() -> programmes.create(organisation.id(), "Tegelijk", null, null, form));
			Thread.sleep(300);
			release.countDown();
			Programmes.Creation one = first.get(20, java.util.concurrent.TimeUnit.SECONDS);
			Programmes.Creation other = second.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(one.madeBefore()).isFalse();
			assertThat(other.madeBefore()).isTrue();
			assertThat(other.programme().id()).isEqualTo(one.programme().id());
			assertThat(programmes.ofOrganisation(organisation.id())).hasSize(1);

			UUID programme = one.programme().id();
			var added = new java.util.concurrent.CountDownLatch(1);
			var releaseTheme = new java.util.concurrent.CountDownLatch(1);
			var firstTheme = executor.submit(() -> transactions.execute(status -> {
				Themes.Addition addition = themes.add(programme, "Zorg en werk", "Care and work");
				added.countDown();
				waitFor(releaseTheme);
				return addition;
			}));
			assertThat(added.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			var secondTheme = executor.submit(() -> themes.add(programme, "Zorg en werk", "Care and work"));
			Thread.sleep(300);
			releaseTheme.countDown();
			Themes.Addition firstAddition = firstTheme.get(20, java.util.concurrent.TimeUnit.SECONDS);
			Themes.Addition secondAddition = secondTheme.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(secondAddition.code()).isEqualTo(firstAddition.code());
			assertThat(firstAddition.addedBefore()).isFalse();
			assertThat(secondAddition.addedBefore()).as("the second press found the theme added").isTrue();
			assertThat(themes.of(programme)).extracting(Theme::labelNl).containsOnlyOnce("Zorg en werk");
		}
		finally {
			testsupport.Threads.finish(executor);
		}
	}

	/**
	 * Two managers switch off the last two active themes at once: the second waits for the first and
	 * is refused, so one theme stays to apply with (none left, no application could be sent).
	 */
	@Test
	void theLastActiveThemeStaysOnAlsoWhenTwoSwitchOffAtOnce(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var organisation = organisations.create("Gemeente Thema " + UUID.randomUUID().toString().substring(0, 8));
		UUID programme = programmes.create(organisation.id(), "Thema's", null, null).id();
		java.util.List<String> active = themes.active(programme).stream().map(Theme::code).toList();
		active.subList(2, active.size()).forEach(code -> assertThat(themes.switchOn(programme, code, false)).isTrue());
		String one = active.get(0);
		String other = active.get(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var switched = new java.util.concurrent.CountDownLatch(1);
			var release = new java.util.concurrent.CountDownLatch(1);
			var first = executor.submit(() -> transactions.execute(status -> {
				boolean done = themes.switchOn(programme, one, false);
				switched.countDown();
				waitFor(release);
				return done;
			}));
			assertThat(switched.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			var second = executor.submit(() -> themes.switchOn(programme, other, false));
			Thread.sleep(300);
			release.countDown();
			assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(second.get(20, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
			assertThat(themes.active(programme)).extracting(Theme::code).containsExactly(other);
		}
		finally {
			testsupport.Threads.finish(executor);
		}
	}

	private static void waitFor(java.util.concurrent.CountDownLatch latch) {
		try {
			latch.await(20, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void anotherOrganisationsManagerChangesNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor demoManager = user(users.loadUserByUsername("programma@briefwissel.test"));
		mvc.perform(post("/programme/programmes/{id}/themes", running.programmeId()).with(csrf()).with(demoManager)
			.param("labelNl", "x").param("labelEn", "x")).andExpect(status().isNotFound());
		mvc.perform(post("/programme/programmes/{id}/coaches", running.programmeId()).with(csrf()).with(demoManager))
			.andExpect(status().isNotFound());
		mvc.perform(post("/programme/programmes/{id}/public-intake", running.programmeId()).with(csrf()).with(demoManager)
			.param("open", "false")).andExpect(status().isNotFound());
		assertThat(programmes.byId(running.programmeId()).orElseThrow().publicIntake()).isTrue();
	}

	/**
	 * A person's address is never an intake address (their mail would become applications, in the
	 * evaluation default taken from their mailbox), and an intake address given up is the address's own
	 * again: its mail no longer goes to the platform's mailbox.
	 */
	@Test
	void anIntakeAddressIsNoPersonsAndOneGivenUpIsFreeAgain(@Autowired nl.briefwissel.mail.EmbeddedMailServer mailServer)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Adres van een ander")
			.param("intakeAddress", running.coach().email().toUpperCase(java.util.Locale.ROOT)))
			.andExpect(flash().attribute("createMessages", org.hamcrest.Matchers.hasEntry(org.hamcrest.Matchers.is("intakeAddress"),
					org.hamcrest.Matchers.containsString("iemand die Briefwissel gebruikt"))));
		String before = "oud-" + running.id() + "@briefwissel.test";
		String after = "nieuw-" + running.id() + "@briefwissel.test";
		for (String address : java.util.List.of(running.participant().email(), before, after)) {
			mvc.perform(post("/programme/programmes/{id}/settings", running.programmeId()).with(csrf()).with(fixtures.as(manager))
				.param("weeks", "6").param("momentsPerWeek", "2").param("replyWithinDays", "2").param("retentionMonths", "24")
				.param("mailMode", "FULL_TEXT").param("intakeAddress", address))
				.andExpect(address.equals(running.participant().email())
						? flash().attribute("settingsMessages", org.hamcrest.Matchers.hasKey("intakeAddress"))
						: flash().attributeExists("settingsSaved"));
		}
		assertThat(programmes.byId(running.programmeId()).orElseThrow().intakeAddress()).isEqualTo(after);

		var mail = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
		mail.setFrom("iemand@example.nl");
		mail.setRecipients(jakarta.mail.Message.RecipientType.TO, before);
		mail.setSubject("Voor het oude adres");
		mail.setText("Hallo", "UTF-8");
		jakarta.mail.Transport.send(mail);
		assertThat(nl.briefwissel.Mailboxes.subject(nl.briefwissel.Mailboxes.awaitMail(mailServer, before, m -> true)))
			.isEqualTo("Voor het oude adres");
	}

	/**
	 * The platform's own addresses are never an intake address: mail to its reply mailbox without a token
	 * would be taken in as an application, and mail to a reply address or to its sender would be both.
	 */
	@Test
	void anIntakeAddressIsNeverOneOfThePlatformsOwn(@Autowired nl.briefwissel.mail.ReplyAddress replies,
			@Autowired nl.briefwissel.mail.MailProperties mail) throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		int before = programmes.ofOrganisation(running.organisationId()).size();
		for (String address : java.util.List.of(replies.mailbox(), replies.mailbox().toUpperCase(java.util.Locale.ROOT),
				replies.of(replies.newToken()), "reply+iets@" + replies.domain(), mail.fromAddress())) {
			mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Eigen adres")
				.param("intakeAddress", address))
				.andExpect(flash().attribute("createMessages", org.hamcrest.Matchers.hasEntry(org.hamcrest.Matchers.is("intakeAddress"),
						containsString("adres van Briefwissel zelf"))));
			mvc.perform(post("/programme/programmes/{id}/settings", running.programmeId()).with(csrf()).with(fixtures.as(manager))
				.param("weeks", "6").param("momentsPerWeek", "2").param("replyWithinDays", "2").param("retentionMonths", "24")
				.param("mailMode", "FULL_TEXT").param("intakeAddress", address).param("lang", "en"))
				.andExpect(flash().attribute("settingsMessages", org.hamcrest.Matchers.hasEntry(org.hamcrest.Matchers.is("intakeAddress"),
						containsString("Briefwissel's own addresses"))));
		}
		assertThat(programmes.ofOrganisation(running.organisationId())).hasSize(before);
		assertThat(programmes.byId(running.programmeId()).orElseThrow().intakeAddress()).isNull();
	}

	/** An organisation with many themes of its own: a coach who knows twenty-five of them keeps them all. */
	@Test
	void aCoachKeepsAsManySpecialismsAsTheOrganisationHasThemes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "admin-" + running.id() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		java.util.List<String> codes = new java.util.ArrayList<>();
		for (int n = 1; n <= 25; n++) {
			codes.add(themes.add(running.programmeId(), "Loopbaanvragen rond werk en gezondheid in de regio, deel " + n,
					"Career questions about work and health in the region, part " + n).code());
		}
		mvc.perform(post("/admin/coaches/{id}", running.coach().id()).with(csrf()).with(fixtures.as(admin)).param("capacity", "20")
			.param("certified", "true").param("certification", "NOLOC").param("specialism", codes.toArray(String[]::new)))
			.andExpect(flash().attributeExists("savedFor"));
		assertThat(profiles.of(running.coach().id()).specialisms()).containsExactlyInAnyOrderElementsOf(codes);
	}

	@Test
	void anAdministratorKeepsCapacityCertificationAndSpecialisms() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "admin-" + running.id() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		mvc.perform(get("/admin/coaches").with(fixtures.as(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString(running.coach().displayName())));
		mvc.perform(post("/admin/coaches/{id}", running.coach().id()).with(csrf()).with(fixtures.as(admin)).param("capacity", "20")
			.param("certified", "true").param("certification", "NOLOC").param("specialism", "GRIP", "ONBEKEND"))
			.andExpect(flash().attributeExists("savedFor"));
		var profile = profiles.of(running.coach().id());
		assertThat(profile.capacity()).isEqualTo(20);
		assertThat(profile.certified()).isTrue();
		assertThat(profile.specialisms()).containsExactly("GRIP");
		mvc.perform(post("/admin/coaches/{id}", running.coach().id()).with(csrf()).with(fixtures.as(admin)).param("capacity", "99"))
			.andExpect(flash().attributeExists("problemFor"));
		assertThat(profiles.of(running.coach().id()).capacity()).isEqualTo(20);
		mvc.perform(post("/admin/coaches/{id}", running.coach().id()).with(csrf())
			.with(user(users.loadUserByUsername("beheer@briefwissel.test"))).param("capacity", "1"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/admin/coaches").with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
	}

	/**
	 * Back on the page after a refused save, the administrator finds the coach's card (the page opens
	 * there) with the profile as typed, not the stored one, and each mistake at its field.
	 */
	@Test
	void aRefusedCoachProfileComesBackAsTypedWithEachSentenceAtItsField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "admin-" + running.id() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		UUID coach = running.coach().id();
		profiles.changeMatching(coach, 12, false, "NOLOC", java.util.List.of());
		var refused = mvc.perform(post("/admin/coaches/{id}", coach).with(csrf()).with(fixtures.as(admin))
			.param("capacity", "99").param("certified", "true").param("certification", "x".repeat(201))
			.param("specialism", "GRIP"))
			.andExpect(redirectedUrl("/admin/coaches#coach-" + coach))
			.andReturn();
		assertThat(profiles.of(coach).capacity()).isEqualTo(12);
		assertThat(profiles.of(coach).certified()).isFalse();

		// The flash message travels with the session, as in a browser; the page after it is the card's form again, 422
		// (decision 0139, amended).
		Document page = Jsoup.parse(mvc.perform(get("/admin/coaches").cookie(refused.getResponse().getCookies())
			.with(fixtures.as(admin))).andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		Element card = page.getElementById("coach-" + coach);
		assertThat(card).isNotNull();
		assertThat(card.selectFirst("form").hasAttr("novalidate")).as("the server's sentence, not the browser's bubble").isTrue();
		assertThat(card.select(".utrecht-alert")).as("no general alert: the sentences stand at their fields").isEmpty();

		Element capacity = page.getElementById("capacity-" + coach);
		assertThat(capacity.attr("value")).isEqualTo("99");
		assertThat(capacity.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, capacity)).singleElement().satisfies(error -> {
			assertThat(error.id()).isEqualTo("capacity-error-" + coach);
			assertThat(error.text()).contains("40");
			assertThat(error.closest("article")).isSameAs(card);
			assertThat(error.closest(".utrecht-form-field").hasClass("utrecht-form-field--invalid")).isTrue();
		});

		Element certification = page.getElementById("certification-" + coach);
		assertThat(certification.attr("value")).isEqualTo("x".repeat(201));
		assertThat(certification.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, certification)).extracting(Element::id).containsExactly("certification-error-" + coach);
		assertThat(page.getElementById("certification-error-" + coach).text()).contains("200");

		assertThat(page.getElementById("certified-" + coach).hasAttr("checked")).as("a right value typed with wrong ones").isTrue();
		assertThat(page.getElementById("spec-" + coach + "-GRIP").hasAttr("checked")).isTrue();
		assertThat(page.getElementById("certified-" + coach).hasAttr("aria-invalid")).isFalse();

		Document again = Jsoup.parse(mvc.perform(get("/admin/coaches").with(fixtures.as(admin))).andReturn().getResponse()
			.getContentAsString());
		assertThat(again.getElementById("capacity-" + coach).attr("value")).as("once told, the stored profile again").isEqualTo("12");
		assertThat(again.getElementById("capacity-" + coach).hasAttr("aria-invalid")).isFalse();
	}

	/** The form has no browser checks: what is not a whole number is explained at the field, not answered with an error page. */
	@Test
	void aCapacityThatIsNoWholeNumberIsExplainedAtItsField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "admin-" + running.id() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		UUID coach = running.coach().id();
		var refused = mvc.perform(post("/admin/coaches/{id}", coach).with(csrf()).with(fixtures.as(admin))
			.param("capacity", "twintig").param("certification", "NOLOC"))
			.andExpect(redirectedUrl("/admin/coaches#coach-" + coach))
			.andExpect(flash().attribute("coachProblems", java.util.Map.of("capacity", "coaches.error.capacity")))
			.andReturn();

		Document page = Jsoup.parse(mvc.perform(get("/admin/coaches").cookie(refused.getResponse().getCookies())
			.with(fixtures.as(admin))).andReturn().getResponse().getContentAsString());
		Element capacity = page.getElementById("capacity-" + coach);
		assertThat(capacity.attr("value")).isEqualTo("twintig");
		assertThat(describedBy(page, capacity)).singleElement().satisfies(error -> assertThat(error.text()).isNotBlank());
		assertThat(page.getElementById("certification-" + coach).attr("value")).isEqualTo("NOLOC");
		assertThat(page.getElementById("certification-" + coach).hasAttr("aria-invalid")).isFalse();
	}

	@Test
	void aCoachKeepsTheirWelcomeLetterAndDigestAndAnyoneReadsThePrivacyStatement() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(get("/coach/settings").with(fixtures.as(running.coach()))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Welkom bij e-coaching!")));
		mvc.perform(post("/coach/settings").with(csrf()).with(fixtures.as(running.coach()))
			.param("welcomeTemplate", "Hoi {naam}, fijn dat je er bent.")).andExpect(flash().attribute("saved", true));
		assertThat(profiles.of(running.coach().id()).welcomeTemplate()).isEqualTo("Hoi {naam}, fijn dat je er bent.");
		assertThat(profiles.of(running.coach().id()).dailyDigest()).isFalse();
		mvc.perform(get("/coach/settings").with(fixtures.as(running.participant()))).andExpect(status().isForbidden());

		mvc.perform(get("/privacy")).andExpect(status().isOk()).andExpect(content().string(containsString("Privacyverklaring")))
			.andExpect(content().string(containsString("nooit je vraag of je berichten")))
			// What the statement must not leave out: who reads the evaluation remarks and what the employer gets,
			// and that participants download and erase their data themselves.
			.andExpect(content().string(containsString("in de evaluatie opmerkt")))
			.andExpect(content().string(containsString("de contactpersoon van je werkgever")))
			.andExpect(content().string(containsString("Bij Mijn gegevens (na inloggen) download je zelf al je gegevens")));
		mvc.perform(get("/privacy").param("lang", "en")).andExpect(content().string(containsString("your employer&#39;s contact person")));
		mvc.perform(get("/accessibility")).andExpect(content().string(org.hamcrest.Matchers.not(containsString("werkt niet voor u"))));
		mvc.perform(get("/programme/intakes")).andExpect(redirectedUrl("/login"));
	}

}
