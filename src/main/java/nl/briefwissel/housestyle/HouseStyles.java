package nl.briefwissel.housestyle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The house styles of organisations. Every page of a participant or programme manager asks for theirs,
 * so it is kept in memory for a minute: another node shows a change that much later, no page waits
 * on the database for it.
 */
@Repository
public class HouseStyles {

	static final long KEPT_NANOS = 60_000_000_000L;

	/** A style as pages wear it, with the version its sheet's address carries (worked out once, not per page). */
	public record Current(HouseStyle style, String version) {
	}

	private record Kept(Optional<Current> current, long until) {
	}

	private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	HouseStyles(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The organisation's style as stored now; empty for the standard look, and for an organisation that ended
	 * (its style goes with the ending, and one saved in that moment from a page still open is not worn).
	 */
	public Optional<HouseStyle> of(UUID organisationId) {
		return jdbc.sql("""
				select s.button_colour, s.button_text_colour, s.link_colour, s.header_colour, s.header_text_colour, s.header_name
				from organisation_house_style s join organisation o on o.id = s.organisation_id
				where s.organisation_id = :id and o.ended_at is null""")
			.param("id", organisationId)
			.query(HouseStyles::style)
			.optional();
	}

	/** The organisation's style as pages show it: at most a minute old. */
	public Optional<Current> current(UUID organisationId) {
		long now = System.nanoTime();
		Kept known = kept.get(organisationId);
		if (known != null && now - known.until() < 0) {
			return known.current();
		}
		Optional<Current> current = of(organisationId).map(style -> new Current(style, style.version()));
		if (kept.size() > 10_000) {
			kept.clear(); // a bound, not a policy: thousands of organisations on one node is not expected
		}
		kept.put(organisationId, new Kept(current, now + KEPT_NANOS));
		return current;
	}

	@Transactional
	public void save(UUID organisationId, HouseStyle style) {
		int updated = jdbc.sql("""
				update organisation_house_style set button_colour = :button, button_text_colour = :buttonText,
				       link_colour = :link, header_colour = :header, header_text_colour = :headerText,
				       header_name = :name, changed_at = :now
				where organisation_id = :id""")
			.params(parameters(organisationId, style))
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into organisation_house_style (organisation_id, button_colour, button_text_colour, link_colour,
					       header_colour, header_text_colour, header_name, changed_at)
					values (:id, :button, :buttonText, :link, :header, :headerText, :name, :now)""")
				.params(parameters(organisationId, style))
				.update();
		}
		forget(organisationId);
	}

	/** Back to the standard look. */
	@Transactional
	public void standard(UUID organisationId) {
		jdbc.sql("delete from organisation_house_style where organisation_id = :id").param("id", organisationId).update();
		forget(organisationId);
	}

	/**
	 * Forgets the kept style now and again once the change is committed: a page served in between reads the
	 * old row and would keep it for another minute on the very node that made the change.
	 */
	private void forget(UUID organisationId) {
		kept.remove(organisationId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					kept.remove(organisationId);
				}
			});
		}
	}

	private Map<String, Object> parameters(UUID organisationId, HouseStyle style) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("id", organisationId);
		parameters.put("button", style.button().hex());
		parameters.put("buttonText", style.buttonText().hex());
		parameters.put("link", style.link().hex());
		parameters.put("header", style.header().hex());
		parameters.put("headerText", style.headerText().hex());
		parameters.put("name", style.headerName());
		parameters.put("now", OffsetDateTime.now(clock));
		return parameters;
	}

	private static HouseStyle style(ResultSet rs, int row) throws SQLException {
		return new HouseStyle(new Colour(rs.getString("button_colour")), new Colour(rs.getString("button_text_colour")),
				new Colour(rs.getString("link_colour")), new Colour(rs.getString("header_colour")),
				new Colour(rs.getString("header_text_colour")), rs.getString("header_name"));
	}
}
