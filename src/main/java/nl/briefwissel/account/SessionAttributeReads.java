package nl.briefwissel.account;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session reads every attribute of a session row with plain Java deserialisation, with no filter of its
 * own. Here its conversion is replaced by one that reads only {@link SessionAttributeTypes} (decision 0100);
 * writing stays Spring's. An attribute refused counts as none, as Spring Session reads an attribute only
 * when it is asked for: a refused sign-in makes the request a signed-out one, not an error page. It is then
 * taken out of the session when the request saves it, so that it is warned of once, not at every request.
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
	static <S extends Session> SessionReads.Delegating<S> refusedRemoved(FindByIndexNameSessionRepository<S> sessions) {
		return new RefusedRemoved<>(sessions);
	}

	/** Reads one attribute's bytes, or null when the filter refused them. */
	static final class Filtered implements Converter<byte[], Object> {

		/**
		 * The values this thread found refused, until the session holding them is saved: read again (by another
		 * filter of the same request, or when it is taken out) such a value counts as none without reading or
		 * warning again. Weakly held, as the session holds them: a read outside a request, never saved, keeps
		 * nothing.
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
	 * Takes out of a session, as it is saved, every attribute that reads as none: what this thread found refused
	 * (an attribute is never stored as null). Only after a refusal, so that an ordinary request reads no attribute
	 * it did not ask for. A refused attribute stays refused; left in, it would be read and warned of again at every
	 * request, and a refused sign-in leaves the session signed out for good anyway.
	 */
	static final class RefusedRemoved<S extends Session> extends SessionReads.Delegating<S> {

		private static final Logger log = LoggerFactory.getLogger(SessionAttributeTypes.class);

		RefusedRemoved(FindByIndexNameSessionRepository<S> sessions) {
			super(sessions);
		}

		@Override
		public void save(S session) {
			Set<byte[]> refused = Filtered.REFUSED.get();
			if (!refused.isEmpty()) {
				for (String name : Set.copyOf(session.getAttributeNames())) {
					if (readsAsNone(session, name)) {
						session.removeAttribute(name);
						log.warn("A session attribute that is not read is taken out of its session");
					}
				}
				refused.clear();
			}
			super.save(session);
		}

		private static boolean readsAsNone(Session session, String name) {
			try {
				return session.getAttribute(name) == null;
			}
			catch (RuntimeException unreadable) {
				// Not refused but unreadable (a class gone since): left as it was, an error only where it is asked for.
				return false;
			}
		}
	}
}
