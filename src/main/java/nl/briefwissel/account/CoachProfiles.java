package nl.briefwissel.account;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Coach profiles; a coach without a stored profile has the defaults. */
@Repository
public class CoachProfiles {

	private final JdbcClient jdbc;

	CoachProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public CoachProfile of(UUID coachId) {
		return of(List.of(coachId)).get(coachId);
	}

	/** The profile of each coach asked for, defaults where none is stored. */
	public Map<UUID, CoachProfile> of(Collection<UUID> coachIds) {
		if (coachIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, CoachProfile> stored = jdbc.sql("""
				select account_id, capacity, certified, certification, specialisms, welcome_template, daily_digest
				from coach_profile where account_id in (:ids)""")
			.param("ids", coachIds)
			.query((rs, n) -> new CoachProfile(rs.getObject("account_id", UUID.class), rs.getInt("capacity"),
					rs.getBoolean("certified"), rs.getString("certification"), codes(rs.getString("specialisms")),
					rs.getString("welcome_template"), rs.getBoolean("daily_digest")))
			.list()
			.stream()
			.collect(Collectors.toMap(CoachProfile::accountId, Function.identity()));
		return coachIds.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(), id -> stored.getOrDefault(id, CoachProfile.defaults(id))));
	}

	/** What an administrator keeps: how many trajectories, certification and specialisms. */
	@Transactional
	public void changeMatching(UUID coachId, int capacity, boolean certified, String certification,
			List<String> specialisms) {
		ensure(coachId);
		jdbc.sql("""
				update coach_profile set capacity = :capacity, certified = :certified, certification = :certification,
				    specialisms = :specialisms where account_id = :id""")
			.param("capacity", capacity)
			.param("certified", certified)
			.param("certification", certification == null || certification.isBlank() ? null : certification.strip())
			.param("specialisms", String.join(",", specialisms))
			.param("id", coachId)
			.update();
	}

	/** What the coach keeps for themselves: the welcome template (null for the standard one) and the digest. */
	@Transactional
	public void changeOwn(UUID coachId, String welcomeTemplate, boolean dailyDigest) {
		ensure(coachId);
		jdbc.sql("update coach_profile set welcome_template = :template, daily_digest = :digest where account_id = :id")
			.param("template", welcomeTemplate == null || welcomeTemplate.isBlank() ? null : welcomeTemplate.strip())
			.param("digest", dailyDigest)
			.param("id", coachId)
			.update();
	}

	private void ensure(UUID coachId) {
		jdbc.sql("insert into coach_profile (account_id) values (:id) on conflict do nothing").param("id", coachId).update();
	}

	private static List<String> codes(String list) {
		if (list == null || list.isBlank()) {
			return List.of();
		}
		return Arrays.stream(list.split(",")).map(String::strip).filter(code -> !code.isEmpty()).toList();
	}
}
