package nl.briefwissel.web;

import java.util.List;
import java.util.Map;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that never follows redirects must not make its session grow with every post. */
@BriefwisselTest
class BoundedFlashMapsTests {

	@Autowired
	ApplicationContext context;

	@Test
	void theDispatcherKeepsAtMostAFewFlashMessagesPerSession() {
		FlashMapManager manager = context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		assertThat(manager).isInstanceOf(BoundedFlashMaps.Manager.class);
		MockHttpSession session = new MockHttpSession();
		for (int post = 1; post <= 12; post++) {
			FlashMap sent = new FlashMap();
			sent.put("sent", post);
			sent.setTargetRequestPath("/coach/trajectories/" + post);
			manager.saveOutputFlashMap(sent, request(session, "/coach/trajectories/" + post + "/messages"),
					new MockHttpServletResponse());
		}
		@SuppressWarnings("unchecked")
		List<FlashMap> kept = (List<FlashMap>) session.getAttribute(SessionFlashMapManager.class.getName() + ".FLASH_MAPS");
		assertThat(kept).hasSize(BoundedFlashMaps.KEPT).extracting(map -> map.get("sent")).containsExactly(8, 9, 10, 11, 12);
		// The newest is still shown on the page it was meant for, and then gone.
		Map<String, Object> shown = manager.retrieveAndUpdate(request(session, "/coach/trajectories/12"), new MockHttpServletResponse());
		assertThat(shown).containsEntry("sent", 12);
		assertThat((Object) manager.retrieveAndUpdate(request(session, "/coach/trajectories/12"), new MockHttpServletResponse())).isNull();
	}

	private static MockHttpServletRequest request(MockHttpSession session, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setSession(session);
		return request;
	}
}
