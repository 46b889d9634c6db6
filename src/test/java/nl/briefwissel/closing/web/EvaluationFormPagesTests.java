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
		assertThat(unknown).contains("De evaluatie is al ingevuld, of de link is verlopen: een link werkt tot en met 60 dagen na onze laatste mail erover.")
			.doesNotContain("niet helemaal overgekomen");
	}

	/**
	 * A link that does not open the form gives the same friendly page, but with 200 a mail scanner or a
	 * monitor took it for a working one: a whole link that was used or ran out answers 410 (Gone), as does
	 * a whole one no row knows (see below); one broken off, never a page, 404; a working one 200.
	 */
	@Test
	void aLinkThatDoesNotWorkAnswers410WhenWholeAnd404WhenBroken() throws Exception {
		String unknown = LinkTokens.create();
		var response = mvc.perform(get("/evaluation/{token}", unknown)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(410);
		assertThat(Jsoup.parse(response.getContentAsString()).text()).contains("Deze link werkt niet meer")
			.contains("De evaluatie is al ingevuld, of de link is verlopen: een link werkt tot en met 60 dagen na onze laatste mail erover.");
		response = mvc.perform(get("/evaluation/{token}", unknown.substring(0, 30)).param("lang", "en")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(Jsoup.parse(response.getContentAsString()).text()).contains("This link did not come through whole.");
		assertThat(mvc.perform(post("/evaluation/{token}", unknown.substring(0, 30)).with(csrf()).param("satisfaction", "8"))
			.andReturn().getResponse().getStatus()).isEqualTo(404);

		String expired = evaluationLink();
		assertThat(mvc.perform(get("/evaluation/{token}", expired)).andReturn().getResponse().getStatus()).isEqualTo(200);
		jdbc.sql("update evaluation_request set requested_at = :at where token_hash = :hash")
			.param("at", OffsetDateTime.now().minusDays(62)) // past the 60th day after its day at any hour, summer time or not
			.param("hash", LinkTokens.hash(expired))
			.update();
		response = mvc.perform(get("/evaluation/{token}", expired).param("lang", "en")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(410);
		assertThat(Jsoup.parse(response.getContentAsString()).text()).contains("This link no longer works")
			.contains("or the link has expired: a link works up to and including 60 days after our latest mail about it.");

		String used = evaluationLink();
		response = mvc.perform(complete(post("/evaluation/{token}", used).with(csrf()))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("Dank je wel");
		response = mvc.perform(get("/evaluation/{token}", used)).andReturn().getResponse();
		assertThat(response.getStatus()).as("used").isEqualTo(410);
		// Filled in is said plainly, not "filled in, or older than two months".
		assertThat(Jsoup.parse(response.getContentAsString()).select("h1").text()).isEqualTo("Je hebt de evaluatie al ingevuld");
		assertThat(Jsoup.parse(response.getContentAsString()).text()).doesNotContain("twee maanden");
		assertThat(Jsoup.parse(mvc.perform(get("/evaluation/{token}", used).param("lang", "en")).andReturn().getResponse()
			.getContentAsString()).select("h1").text()).isEqualTo("You have filled in the evaluation already");
		assertThat(mvc.perform(complete(post("/evaluation/{token}", used).with(csrf()))).andReturn().getResponse().getStatus())
			.as("sent again from another page").isEqualTo(410);
	}

	/**
	 * A link answered before the answered requests kept their links' hashes (answering cleared them), or
	 * whose trajectory was erased since (the erasure clears them), is known to no row: it answered 404, as
	 * if never sent, while a link used today answers 410. Both are gone: the same page, in both languages,
	 * with 410, and a form sent with it says so too.
	 */
	@Test
	void aLinkAnsweredBeforeTheHashesWereKeptAnswersGoneWithThePage() throws Exception {
		String old = evaluationLink();
		assertThat(mvc.perform(complete(post("/evaluation/{token}", old).with(csrf()))).andReturn().getResponse()
			.getStatus()).isEqualTo(200);
		// What answering did before: the request closed and its links' hashes gone.
		assertThat(jdbc.sql("update evaluation_request set token_hash = null, first_token_hash = null where token_hash = :hash")
			.param("hash", LinkTokens.hash(old)).update()).isEqualTo(1);

		var response = mvc.perform(get("/evaluation/{token}", old)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(410);
		Document page = Jsoup.parse(response.getContentAsString());
		assertThat(page.select("h1").text()).isEqualTo("Deze link werkt niet meer");
		assertThat(page.text()).contains("De evaluatie is al ingevuld, of de link is verlopen: een link werkt tot en met 60 dagen na onze laatste mail erover.");
		response = mvc.perform(get("/evaluation/{token}", old).param("lang", "en")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(410);
		page = Jsoup.parse(response.getContentAsString());
		assertThat(page.select("h1").text()).isEqualTo("This link no longer works");
		assertThat(page.text()).contains("The evaluation has been filled in already, or the link has expired: a link works up to and including 60 days after our latest mail about it.");
		response = mvc.perform(complete(post("/evaluation/{token}", old).with(csrf())).param("remarks", "Nog iets")).andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(410);
		assertThat(Jsoup.parse(response.getContentAsString()).getElementById("unsaved-remarks").val()).isEqualTo("Nog iets");
	}

	/**
	 * The link ran out while the person typed (two months after the last mail, or answered meanwhile from
	 * another tab): sending lost the remark they wrote. It comes back to copy, read-only, with why it was
	 * not saved, in their language; nothing is stored.
	 */
	@Test
	void aRemarkTypedWhileTheLinkRanOutIsGivenBackToCopy() throws Exception {
		String token = evaluationLink();
		String typed = "Ik heb veel gehad aan de vragen.\nEn <b>dit</b> ook.";
		jdbc.sql("update evaluation_request set requested_at = :at where token_hash = :hash")
			.param("at", OffsetDateTime.now().minusDays(62)) // past the 60th day after its day at any hour, summer time or not
			.param("hash", LinkTokens.hash(token))
			.update();

		var response = mvc.perform(complete(post("/evaluation/{token}", token).with(csrf())).param("remarks", typed)).andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(410);
		Document page = Jsoup.parse(response.getContentAsString());
		assertThat(page.text()).contains("Deze link werkt niet meer").contains("Je opmerking hieronder is niet opgeslagen");
		var kept = page.getElementById("unsaved-remarks");
		assertThat(kept).isNotNull();
		assertThat(kept.tagName()).isEqualTo("textarea");
		assertThat(kept.hasAttr("readonly")).isTrue();
		assertThat(kept.hasAttr("name")).as("not a field to send").isFalse();
		assertThat(kept.val()).isEqualTo(typed);
		assertThat(page.select("label[for=unsaved-remarks]").text()).isEqualTo("Je opmerking (niet opgeslagen)");
		assertThat(page.select("b")).as("what was typed is text").isEmpty();

		Document english = Jsoup.parse(mvc.perform(complete(post("/evaluation/{token}", token).with(csrf())).param("lang", "en")
			.param("remarks", typed)).andReturn().getResponse().getContentAsString());
		assertThat(english.text()).contains("Your remark below was not saved");
		assertThat(english.getElementById("unsaved-remarks").val()).isEqualTo(typed);

		Document nothingTyped = page(complete(post("/evaluation/{token}", token).with(csrf())).param("remarks", "  "));
		assertThat(nothingTyped.getElementById("unsaved-remarks")).isNull();
		assertThat(nothingTyped.text()).doesNotContain("niet opgeslagen");
		assertThat(jdbc.sql("select count(*) from evaluation_request where token_hash = :hash and answered_at is null")
			.param("hash", LinkTokens.hash(token)).query(Long.class).single()).as("nothing stored").isEqualTo(1);
	}

	/** A whole, valid evaluation. */
	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder complete(
			org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) {
		return request.param("satisfaction", "8")
			.param("answeredBefore", "3")
			.param("answeredAfter", "7")
			.param("recommend", "true")
			.param("helpedMost", "REREADING");
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
