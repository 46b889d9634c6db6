package nl.briefwissel.trajectory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.encryption.Encryption;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question and goals in one read asked every caller whether the application came with files, a search through
 * intake_attachment that only the conversation page uses: the participant's start page and the report read them
 * without it, and the conversation page still learns it in the same one statement.
 */
@BriefwisselTest
class InOwnWordsStatementsTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	Clock clock;

	@Autowired
	Encryption encryption;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Test
	void theStartPageAndTheReportReadTheOwnWordsWithoutAskingForFiles() {
		var running = fixtures.runningTrajectory(true);
		trajectories.changeGoals(running.id(), running.participant().id(), "Weten wat ik wil");
		List<String> seen = new CopyOnWriteArrayList<>();
		Trajectories watched = new Trajectories(JdbcClient.create(recording(dataSource, seen)), clock, dataSource, encryption);

		Trajectories.InOwnWords plain = watched.inOwnWords(running.id());
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0)).doesNotContainIgnoringCase("intake_attachment");
		assertThat(plain.goals()).isEqualTo("Weten wat ik wil");
		assertThat(plain.withFiles()).isFalse();

		seen.clear();
		Trajectories.InOwnWords withFiles = watched.inOwnWordsWithFiles(running.id());
		assertThat(seen).as("the conversation page's read: one statement").hasSize(1);
		assertThat(seen.get(0)).containsIgnoringCase("intake_attachment");
		assertThat(withFiles).isEqualTo(plain);
	}

	/** A data source that notes the text of every statement prepared on its connections. */
	private static DataSource recording(DataSource real, List<String> seen) {
		return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
				(proxy, method, args) -> {
					Object result = invoke(method, real, args);
					if (result instanceof Connection connection) {
						return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
								(p, m, a) -> {
									if ((m.getName().startsWith("prepare") || m.getName().equals("nativeSQL")) && a != null
											&& a[0] instanceof String sql) {
										seen.add(sql);
									}
									return invoke(m, connection, a);
								});
					}
					return result;
				});
	}

	private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException thrown) {
			throw thrown.getCause();
		}
	}
}
