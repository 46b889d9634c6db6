package nl.briefwissel.account;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session reads every attribute of a session row with plain Java deserialisation, with no filter of its
 * own. Here its conversion is replaced by one that reads only {@link SessionAttributeTypes} (decision 0100);
 * writing stays Spring's. An attribute refused counts as none, as Spring Session reads an attribute only
 * when it is asked for: a refused sign-in makes the request a signed-out one, not an error page.
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

	/** Reads one attribute's bytes, or null when the filter refused them. */
	static final class Filtered implements Converter<byte[], Object> {

		private final ClassLoader classes;

		Filtered(ClassLoader classes) {
			this.classes = classes;
		}

		@Override
		public Object convert(byte[] bytes) {
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
					return null;
				}
				// As Spring's own reading: a row that is no attribute at all is an error, as it was.
				throw new SerializationFailedException("A session attribute could not be read", failed);
			}
		}
	}
}
