package nl.briefwissel.organisation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class Organisations {

	private final JdbcClient jdbc;

	private final Clock clock;

	Organisations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public Organisation create(String name) {
		Organisation organisation = new Organisation(UUID.randomUUID(), name);
		jdbc.sql("insert into organisation (id, name, created_at) values (:id, :name, :now)")
			.param("id", organisation.id())
			.param("name", name)
			.param("now", OffsetDateTime.now(clock))
			.update();
		return organisation;
	}

	public Optional<Organisation> byId(UUID id) {
		return jdbc.sql("select id, name from organisation where id = :id")
			.param("id", id)
			.query(Organisation.class)
			.optional();
	}

	public List<Organisation> all() {
		return jdbc.sql("select id, name from organisation order by name").query(Organisation.class).list();
	}
}
