package nl.briefwissel.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Keeps at most {@link #KEPT} flash messages ("your letter was sent") per session. Spring keeps each
 * one until the page it was meant for is shown or three minutes pass; a client that does not follow
 * the redirect after a form (a script, a tab closed mid-way, the page benchmark) adds one with every
 * post. The sessions live in the database so that every node knows them, and every request reads
 * and writes them whole: a list that grows with each post made each later request of that session
 * slower (13 kB of flash messages per coach session after a minute of bench/pages' write-and-send).
 */
@Configuration(proxyBeanMethods = false)
class BoundedFlashMaps {

	/** More than any person has redirects in flight at once (a form in a few tabs). */
	static final int KEPT = 5;

	/**
	 * Spring MVC's own configuration declares the {@code flashMapManager} bean that the dispatcher
	 * looks up by name, so it is replaced here rather than declared a second time.
	 */
	@Bean
	static BeanPostProcessor boundedFlashMapManager() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME.equals(name) && bean instanceof SessionFlashMapManager
						? new Manager() : bean;
			}
		};
	}

	static final class Manager extends SessionFlashMapManager {

		@Override
		protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
			// Newest last (AbstractFlashMapManager appends); the list must stay mutable for it.
			super.updateFlashMaps(flashMaps.size() <= KEPT ? flashMaps
					: new CopyOnWriteArrayList<>(flashMaps.subList(flashMaps.size() - KEPT, flashMaps.size())), request, response);
		}
	}
}
