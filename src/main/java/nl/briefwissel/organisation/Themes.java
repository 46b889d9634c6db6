package nl.briefwissel.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.RowLocks;
import nl.briefwissel.TypedName;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The themes of each programme. A new programme starts with the seven themes of the pilot; a
 * programme manager adds their own and switches themes off, never deletes them, because
 * trajectories keep the code of the theme they chose.
 */
@Repository
public class Themes {

	/** The themes of the pilot, in the order the seed lists them. */
	static final List<Theme> DEFAULTS = List.of(
			new Theme("NEXT_STEP", "Een volgende stap die past bij mijn kwaliteiten", "A next step that fits my qualities", true),
			new Theme("RETRAINING", "Omscholen naar een ander vakgebied", "Retraining towards another field", true),
			new Theme("GROWTH", "Me blijven ontwikkelen en de uitdaging houden", "Growing and keeping the challenge", true),
			new Theme("GRIP", "Meer grip op mijn huidige functie", "More grip on my current role", true),
			new Theme("SURPLUS", "Boventallig of ontslag", "Surplus staff or dismissal", true),
			new Theme("MOVE_WITHIN", "Doorstromen binnen de organisatie", "Moving within the organisation", true),
			new Theme("NOT_SURE", "Ik weet nog niet of ik met mijn loopbaan aan de slag wil",
					"Not sure yet whether to work on my career at all", true));

	private final JdbcClient jdbc;

	private final RowLocks locks;

	Themes(JdbcClient jdbc, javax.sql.DataSource dataSource) {
		this.jdbc = jdbc;
		this.locks = RowLocks.of(dataSource);
	}

	/** The seven themes of the pilot, which every programme starts with. */
	public List<Theme> pilotThemes() {
		return DEFAULTS;
	}

	/**
	 * What an assignment or a coach's specialism can be about in an organisation: the pilot's themes
	 * and those its programmes added, switched off ones included, each code once, the pilot's first.
	 * Tagged with the pilot's seven only, a programme's own themes never found "fits the theme".
	 */
	public List<Theme> ofOrganisation(UUID organisationId) {
		Map<String, Theme> all = new java.util.LinkedHashMap<>();
		DEFAULTS.forEach(theme -> all.put(theme.code(), theme));
		if (organisationId != null) {
			jdbc.sql("""
					select t.code, t.label_nl, t.label_en, t.active from programme_theme t
					join programme p on p.id = t.programme_id
					where p.organisation_id = :organisation order by p.created_at, p.id, t.position, t.code""")
				.param("organisation", organisationId)
				.query((rs, n) -> theme(rs))
				.list()
				.forEach(theme -> all.putIfAbsent(theme.code(), theme));
		}
		return List.copyOf(all.values());
	}

	/** Every theme of the programme, switched off ones included, in their order. */
	public List<Theme> of(UUID programmeId) {
		return jdbc.sql("""
				select code, label_nl, label_en, active from programme_theme
				where programme_id = :programme order by position, code""")
			.param("programme", programmeId)
			.query((rs, n) -> theme(rs))
			.list();
	}

	/** The themes a participant can choose now. */
	public List<Theme> active(UUID programmeId) {
		return of(programmeId).stream().filter(Theme::active).toList();
	}

	/** The labels of every theme of these programmes in a language, in one query. */
	public ThemeLabels labels(Collection<UUID> programmeIds, Locale language) {
		Map<UUID, Map<String, String>> labels = new HashMap<>();
		if (!programmeIds.isEmpty()) {
			jdbc.sql("select programme_id, code, label_nl, label_en, active from programme_theme where programme_id in (:programmes)")
				.param("programmes", Set.copyOf(programmeIds))
				.query(rs -> {
					labels.computeIfAbsent(rs.getObject("programme_id", UUID.class), programme -> new HashMap<>())
						.put(rs.getString("code"), theme(rs).label(language));
				});
		}
		return new ThemeLabels(labels);
	}

	private static Theme theme(ResultSet rs) throws SQLException {
		return new Theme(rs.getString("code"), rs.getString("label_nl"), rs.getString("label_en"), rs.getBoolean("active"));
	}

	/** The label of a theme in a language; the code itself when the theme is unknown. */
	public String label(UUID programmeId, String code, Locale language) {
		if (code == null) {
			return "";
		}
		return jdbc.sql("select code, label_nl, label_en, active from programme_theme where programme_id = :programme and code = :code")
			.param("programme", programmeId)
			.param("code", code)
			.query((rs, n) -> theme(rs))
			.optional()
			.map(theme -> theme.label(language))
			.orElse(code);
	}

	@Transactional
	void addDefaults(UUID programmeId) {
		int position = 1;
		for (Theme theme : DEFAULTS) {
			insert(programmeId, theme, position++);
		}
	}

	/**
	 * What adding a theme did: its code, and whether the theme was there and switched on already (the second press
	 * of a double click), so that nothing changed.
	 */
	public record Addition(String code, boolean addedBefore) {
	}

	/**
	 * Adds a programme's own theme at the end of the list. A theme with the same labels counts as added
	 * (switched on if it was off): a double click sends the form twice. The programme's row is locked
	 * first, so a second request waits until the first is committed and then finds its theme, rather
	 * than both choosing the same code (the second failing on the key) or the second adding the theme
	 * once more under another code.
	 */
	@Transactional
	public Addition add(UUID programmeId, String labelNl, String labelEn) {
		lockProgramme(programmeId);
		List<Theme> existing = of(programmeId);
		// A label is shown beside other text as a name is, and cleaned as one (TypedName): the form refused what
		// turns text around; an invisible mark would make a label differ from the same one added before.
		String nl = TypedName.cleaned(labelNl.strip());
		String en = TypedName.cleaned(labelEn.strip());
		for (Theme theme : existing) {
			if (theme.labelNl().equals(nl) && theme.labelEn().equals(en)) {
				if (!theme.active()) {
					// Added again means wanted again; one code keeps the theme's figures together.
					switchOn(programmeId, theme.code(), true);
				}
				return new Addition(theme.code(), theme.active());
			}
		}
		String base = code(nl);
		String code = base;
		for (int n = 2; taken(existing, code); n++) {
			code = base.substring(0, Math.min(base.length(), 50)) + "_" + n;
		}
		insert(programmeId, new Theme(code, nl, en, true), existing.size() + 1);
		return new Addition(code, false);
	}

	private static boolean taken(List<Theme> themes, String code) {
		return themes.stream().anyMatch(theme -> theme.code().equals(code));
	}

	/**
	 * Switches a theme on or off. False, and nothing changed, when it is the last active one: a form
	 * needs a theme to choose, and without one no application could be sent. Asked with the programme's
	 * row locked, as adding does: two managers switching off the last two at once left none.
	 */
	@Transactional
	public boolean switchOn(UUID programmeId, String code, boolean active) {
		lockProgramme(programmeId);
		if (!active && active(programmeId).stream().allMatch(theme -> theme.code().equals(code))) {
			return false;
		}
		return jdbc.sql("update programme_theme set active = :active where programme_id = :programme and code = :code")
			.param("active", active)
			.param("programme", programmeId)
			.param("code", code)
			.update() == 1;
	}

	/** The programme's themes change one writer at a time; a trajectory of the programme can still be inserted. */
	private void lockProgramme(UUID programmeId) {
		jdbc.sql("select id from programme where id = :programme " + locks.exclusive()).param("programme", programmeId)
			.query(UUID.class)
			.optional();
	}

	private void insert(UUID programmeId, Theme theme, int position) {
		jdbc.sql("""
				insert into programme_theme (programme_id, code, label_nl, label_en, position, active)
				values (:programme, :code, :nl, :en, :position, :active)""")
			.param("programme", programmeId)
			.param("code", theme.code())
			.param("nl", theme.labelNl())
			.param("en", theme.labelEn())
			.param("position", position)
			.param("active", theme.active())
			.update();
	}

	/** A stable code from a label: statistics count codes, never the words. */
	private static String code(String label) {
		String ascii = Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String code = ascii.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
		if (code.isEmpty()) {
			code = "THEME";
		}
		return code.length() > 50 ? code.substring(0, 50) : code;
	}
}
