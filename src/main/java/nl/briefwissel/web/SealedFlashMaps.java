package nl.briefwissel.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.UnreadableRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import org.springframework.web.util.WebUtils;

/**
 * What waits in the session for the page after a redirect (a flash message, and after a refusal the
 * text the person typed: a note too long, a letter overtaken, a goal, a summary) is sealed with the
 * active key, as the letters are (decision 0100). Sessions live in the database so that every node
 * knows them; Spring kept these maps there in the clear until the next request, or until the session
 * expired when the tab was closed. One sealed value per session holds them all, so every controller's
 * {@code addFlashAttribute} is covered here and none of them knows.
 * <p>
 * Also keeps at most {@link #KEPT} of them per session. Spring keeps each one until the page it was
 * meant for is shown or three minutes pass; a client that does not follow the redirect after a form (a
 * script, a tab closed mid-way, the page benchmark) adds one with every post, and every request reads
 * and writes the session whole: a list that grows with each post made each later request of that
 * session slower (13 kB of flash messages per coach session after a minute of bench/pages'
 * write-and-send). The same message for the same page waits once (a form sent twice).
 */
@Configuration(proxyBeanMethods = false)
class SealedFlashMaps {

	/** More than any person has redirects in flight at once (a form in a few tabs). */
	static final int KEPT = 5;

	/** The sealed maps: the key id's length in one byte, the key id, then what {@link Encryption#seal} made. */
	static final String ATTRIBUTE = SealedFlashMaps.class.getName() + ".SEALED";

	/** Where Spring's own manager kept them in the clear: still read in a session from before, and removed. */
	static final String PLAIN_ATTRIBUTE = SessionFlashMapManager.class.getName() + ".FLASH_MAPS";

	/**
	 * Spring MVC's own configuration declares the {@code flashMapManager} bean that the dispatcher
	 * looks up by name (Spring Boot does not let a second one replace it), so it is replaced here.
	 * The encryption is asked for only then, not when this post-processor is made before every bean.
	 */
	@Bean
	static BeanPostProcessor sealedFlashMapManager(ObjectProvider<Encryption> encryption) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME.equals(name) && bean instanceof SessionFlashMapManager
						&& !(bean instanceof Manager) ? new Manager(encryption.getObject()) : bean;
			}
		};
	}

	/**
	 * Spring's manager, with the list it keeps in the session opened when read and sealed when written:
	 * which map belongs to which page, and when one expires, stay Spring's own logic on the opened list.
	 */
	static final class Manager extends SessionFlashMapManager {

		private static final Logger log = LoggerFactory.getLogger(SealedFlashMaps.class);

		private final Encryption encryption;

		Manager(Encryption encryption) {
			this.encryption = encryption;
		}

		@Override
		protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
			HttpSession session = request.getSession(false);
			if (session == null) {
				return null;
			}
			Object plain = session.getAttribute(PLAIN_ATTRIBUTE);
			Object sealed = session.getAttribute(ATTRIBUTE);
			if (plain == null && sealed == null) {
				return null;
			}
			// Mutable: Spring adds to and removes from the list it is given.
			List<FlashMap> maps = new CopyOnWriteArrayList<>();
			if (plain instanceof List<?> before) {
				before.stream().filter(FlashMap.class::isInstance).map(FlashMap.class::cast).forEach(maps::add);
			}
			if (sealed != null) {
				maps.addAll(open(sealed, session));
			}
			return maps;
		}

		@Override
		protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
			// Newest last (AbstractFlashMapManager appends).
			List<FlashMap> distinct = distinct(flashMaps);
			List<FlashMap> kept = distinct.size() <= KEPT ? distinct
					: distinct.subList(distinct.size() - KEPT, distinct.size());
			if (WebUtils.getSessionAttribute(request, PLAIN_ATTRIBUTE) != null) {
				WebUtils.setSessionAttribute(request, PLAIN_ATTRIBUTE, null);
			}
			WebUtils.setSessionAttribute(request, ATTRIBUTE, kept.isEmpty() ? null : seal(kept));
		}

		/**
		 * The maps with the same message for the same page once, the newest kept. A form sent twice (a double
		 * click) left the first answer's message waiting: the browser follows only the second answer's redirect,
		 * whose page shows one of the two, and the other was shown on a later visit, out of context.
		 */
		static List<FlashMap> distinct(List<FlashMap> maps) {
			List<FlashMap> distinct = new ArrayList<>(maps.size());
			for (int i = maps.size() - 1; i >= 0; i--) {
				// FlashMap's equals compares the attributes and the page they are meant for, not when they expire.
				if (!distinct.contains(maps.get(i))) {
					distinct.add(0, maps.get(i));
				}
			}
			return distinct;
		}

		byte[] seal(List<FlashMap> maps) {
			ByteArrayOutputStream plain = new ByteArrayOutputStream(512);
			try (ObjectOutputStream out = new ObjectOutputStream(plain)) {
				out.writeObject(new ArrayList<>(maps));
			}
			catch (IOException e) {
				// As Spring Session's own serialising would have failed: a flash attribute that is not serialisable.
				throw new IllegalStateException("A flash attribute cannot be kept in the session: " + e.getMessage(), e);
			}
			byte[] id = encryption.keyId().getBytes(StandardCharsets.US_ASCII); // at most 64 characters (Keyring)
			byte[] sealed = encryption.seal(plain.toByteArray());
			byte[] stored = new byte[1 + id.length + sealed.length];
			stored[0] = (byte) id.length;
			System.arraycopy(id, 0, stored, 1, id.length);
			System.arraycopy(sealed, 0, stored, 1 + id.length, sealed.length);
			return stored;
		}

		/**
		 * The maps, or none when they do not open: sealed with a key no longer configured, or changed, or
		 * holding what no flash map holds ({@link FlashMapTypes}). The page is then shown as if nothing waited (a
		 * message or a text given back is lost, as after three minutes), never an error page; the log says so
		 * without a word of them and the value is dropped.
		 */
		List<FlashMap> open(Object stored, HttpSession session) {
			try {
				byte[] bytes = (byte[]) stored;
				int length = bytes[0];
				// Never a null or empty key id: Encryption reads a value without one as plain.
				if (length <= 0 || bytes.length <= 1 + length) {
					throw new IllegalArgumentException("too short to be sealed");
				}
				String keyId = new String(bytes, 1, length, StandardCharsets.US_ASCII);
				byte[] plain = encryption.open(keyId, Arrays.copyOfRange(bytes, 1 + length, bytes.length));
				try (ConfigurableObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(plain),
						Manager.class.getClassLoader())) {
					// Before a class is made, not after: a refused one never runs its own reading code.
					in.setObjectInputFilter(FlashMapTypes.FILTER);
					List<FlashMap> maps = new ArrayList<>();
					for (Object map : (List<?>) in.readObject()) {
						maps.add((FlashMap) map);
					}
					return maps;
				}
			}
			catch (UnreadableRecordException e) {
				log.warn("The flash messages of a session do not open and are dropped: {}", e.getMessage());
			}
			catch (RuntimeException | IOException | ClassNotFoundException e) {
				// Only the kind: a message about a stream may quote its bytes.
				log.warn("The flash messages of a session do not read and are dropped: {}", e.getClass().getName());
			}
			session.removeAttribute(ATTRIBUTE);
			return List.of();
		}
	}
}
