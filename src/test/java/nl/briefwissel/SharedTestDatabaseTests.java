package nl.briefwissel;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's in-memory H2 lives as long as the test run, and so must the pooled connection that migrated it: in H2
 * 2.4.240 a check constraint with an IN list stays bound to the connection that created it, and once the pool
 * retires that connection (after thirty minutes by default) every later insert into programme fails with the
 * database closed, and so does every test after it.
 */
@BriefwisselTest
class SharedTestDatabaseTests {

	@Autowired
	DataSource dataSource;

	@Test
	void thePoolNeverRetiresTheConnectionThatMigratedTheDatabase() throws Exception {
		assertThat(dataSource.unwrap(HikariDataSource.class).getMaxLifetime()).as("0: no maximum lifetime").isZero();
	}
}
