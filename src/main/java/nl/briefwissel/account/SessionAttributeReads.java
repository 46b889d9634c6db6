package nl.briefwissel.account;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session reads every attribute of a session row with plain Java deserialisation, with no filter of its
 * own. Here its conversion is replaced by one that reads only {@link SessionAttributeTypes} (decision 0100);
 * writing stays Spring's. An attribute refused counts as none, as Spring Session reads an attribute only
 * when it is asked for: a refused sign-in makes the request a signed-out one, not an error page. It is then
 * taken out of the session when the request saves it, so that it is warned of once, not at every request; only while
 * the stored bytes are still the refused ones.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeReads {

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributesReadByType(ResourceLoader resources) {
		GenericConversionService conversion = new GenericConversionService();
		conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversion.addConverter(byte[].class, Object.class, new Filtered(resources.getClassLoader()));
		return sessions -> sessions.setConversionService(conversion);
	}

	/** Spring Session's repository, with the attributes refused on this thread taken out of the session it saves. */
	static <S extends Session> SessionReads.Delegating<S> refusedRemoved(FindByIndexNameSessionRepository<S> sessions,
			ObjectProvider<JdbcClient> jdbc) {
		return new RefusedRemoved<>(sessions, jdbc);
	}

	/** Reads one attribute's bytes, or null when the filter refused them. */
	static final class Filtered implements Converter<byte[], Object> {

		/**
		 * The values this thread found refused, until its request ends ({@link SessionReads.ReadOnce} forgets them in
		 * its {@code finally}): read again (by another filter of the same request) such a value counts as none
		 * without reading or warning again. Weakly held, as the session holds them: a read outside a request keeps
		 * nothing once its session is gone.
		 */
		static final ThreadLocal<Set<byte[]>> REFUSED = ThreadLocal
			.withInitial(() -> Collections.newSetFromMap(new WeakHashMap<>()));

		private final ClassLoader classes;

		Filtered(ClassLoader classes) {
			this.classes = classes;
		}

		@Override
		public Object convert(byte[] bytes) {
			Set<byte[]> refusedHere = REFUSED.get();
			if (refusedHere.contains(bytes)) {
				return null;
			}
			boolean[] refused = { false };
			try (ObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes), classes)) {
				in.setObjectInputFilter(info -> {
					ObjectInputFilter.Status status = SessionAttributeTypes.FILTER.checkInput(info);
					refused[0] |= status == ObjectInputFilter.Status.REJECTED;
					return status;
				});
				return in.readObject();
			}
			catch (IOException | ClassNotFoundException failed) {
				if (refused[0]) {
					// The filter said which class, and nothing of the value.
					refusedHere.add(bytes);
					return null;
				}
				// As Spring's own reading: a row that is no attribute at all is an error, as it was.
				throw new SerializationFailedException("A session attribute could not be read", failed);
			}
		}
	}

	/**
	 * Takes out of a session, after it is saved, every attribute whose stored bytes are still the ones this thread found
	 * refused. Compared in the delete itself: another request of the same session may have stored a new value under
	 * that name meanwhile (signed in again), and that value stays. Only after a refusal, so that an ordinary request
	 * reads no attribute it did not ask for and deletes nothing. A refused attribute stays refused; left in, it would
	 * be read and warned of again at every request, and a refused sign-in leaves the session signed out for good anyway.
	 */
	static final class RefusedRemoved<S extends Session> extends SessionReads.Delegating<S> {

		private static final Logger log = LoggerFactory.getLogger(SessionAttributeTypes.class);

		private final ObjectProvider<JdbcClient> jdbc;

		RefusedRemoved(FindByIndexNameSessionRepository<S> sessions, ObjectProvider<JdbcClient> jdbc) {
			super(sessions);
			this.jdbc = jdbc;
		}

		@Override
		public void save(S session) {
			// First Spring's save: by then the row has the session's id, also one renewed in this request, and an
			// attribute this request set anew has replaced the refused bytes.
			super.save(session);
			Set<byte[]> refused = Filtered.REFUSED.get();
			if (refused.isEmpty()) {
				return;
			}
			for (byte[] bytes : List.copyOf(refused)) {
				// By the bytes themselves: the same bytes anywhere in the session are the same refused value.
				int removed = jdbc.getObject().sql("""
						delete from spring_session_attributes
						where session_primary_id = (select primary_id from spring_session where session_id = :id)
						  and attribute_bytes = :bytes""")
					.param("id", session.getId())
					.param("bytes", bytes)
					.update();
				if (removed > 0) {
					log.warn("A session attribute that is not read is taken out of its session");
				}
			}
		}
	}
}
