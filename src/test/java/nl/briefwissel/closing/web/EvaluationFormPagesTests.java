package nl.briefwissel.closing.web;

import java.time.OffsetDateTime;
import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.LinkTokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The participant's evaluation form behind the mailed link, as read and as sent. */
@BriefwisselTest
class EvaluationFormPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	/**
	 * What the numbers mean ("1 is the lowest, 10 the highest") is read before choosing one, as the
	 * remarks field's hint comes before its box; it stood after the ten numbers, and the error between.
	 */
	@Test
	void eachScalesHintComesBeforeItsErrorAndItsNumbers() throws Exception {
		String token = evaluationLink();
		for (Document page : List.of(page(get("/evaluation/{token}", token)),
				page(post("/evaluation/{token}", token).with(csrf()).param("helpedMost", "REREADING")))) {
			for (String question : List.of("satisfaction", "answeredBefore", "answeredAfter")) {
				assertThat(page.select("#" + question + " [id]").eachAttr("id")).as(question).first()
					.isEqualTo(question + "-help");
			}
		}
		Document refused = page(post("/evaluation/{token}", token).with(csrf()).param("helpedMost", "REREADING"));
		assertThat(refused.select("#satisfaction [id]").eachAttr("id")).startsWith("satisfaction-help",
				"satisfaction-error", "satisfaction-1");
	}

	/**
	 * A link a mail program broke off (a long link wraps) or that was copied in part cannot be a link
	 * of ours at all: the page says to take the whole link, not that the evaluation was filled in already
	 * or is older than two months, which left the person nothing to try. A whole link that is not (or no
	 * longer) valid still says that.
	 */
	@Test
	void aLinkThatCameThroughInPartSaysToTakeTheWholeLink() throws Exception {
		String token = evaluationLink();
		String cut = page(get("/evaluation/{token}", token.substring(0, 30))).text();
		assertThat(cut).contains("Deze link is niet helemaal overgekomen.").doesNotContain("al ingevuld");
		String english = page(get("/evaluation/{token}", token.substring(0, 30)).param("lang", "en")).text();
		assertThat(english).contains("This link did not come through whole.");
		assertThat(page(post("/evaluation/{token}", token.substring(0, 30)).with(csrf())
			.param("satisfaction", "8")).text()).contains("Deze link is niet helemaal overgekomen.");

		String unknown = page(get("/evaluation/{token}", LinkTokens.create())).text();
		assertThat(unknown).contains("De evaluatie is al ingevuld, of de link is ouder dan twee maanden.")
			.doesNotContain("niet helemaal overgekomen");
	}

	private Document page(RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andReturn().getResponse().getContentAsString());
	}

	/** The token of an evaluation link for a trajectory of its own, as the mail to its participant carries it. */
	private String evaluationLink() {
		var running = fixtures.runningTrajectory(true);
		String token = LinkTokens.create();
		jdbc.sql("insert into evaluation_request (trajectory_id, token_hash, requested_at) values (:t, :hash, :now)")
			.param("t", running.id())
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now())
			.update();
		return token;
	}
}
