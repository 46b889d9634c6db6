package nl.briefwissel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a random port, with its embedded mail server on free ports and the
 * database of the run (H2 in memory, or PostgreSQL through BRIEFWISSEL_DB_URL). Every test class
 * uses exactly this, so they share one context: one outbox worker, one mail server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public @interface BriefwisselTest {
}
