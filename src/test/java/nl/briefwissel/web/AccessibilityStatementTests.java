package nl.briefwissel.web;

import nl.briefwissel.BriefwisselTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The accessibility statement promised an answer within five working days but gave a visitor without a coach
 * nowhere to ask, and no route when the answer does not come. It names the contact from the setting (never from
 * the database: the page is the benchmark's floor, decision 0127), says in words whom to tell without one, and
 * names De Nationale ombudsman.
 */
@BriefwisselTest
class AccessibilityStatementTests {

	@Autowired
	MockMvc mvc;

	private Document page(String lang) throws Exception {
		return Jsoup.parse(mvc.perform(get("/accessibility").param("lang", lang)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	@Test
	void withoutAContactSettingTheStatementSaysWhomToTellAndNamesTheOmbudsman() throws Exception {
		Document dutch = page("nl");
		assertThat(dutch.text()).contains("Meld het dan bij een beheerder van Briefwissel in je organisatie",
				"Dan kun je een klacht indienen bij De Nationale ombudsman");
		assertThat(dutch.select("h2").eachText()).contains("Niet tevreden met het antwoord");
		assertThat(dutch.select("a[href=https://www.nationaleombudsman.nl/]")).hasSize(1);
		Document english = page("en");
		assertThat(english.text()).contains("report it to an administrator of Briefwissel in your organisation",
				"file a complaint with the National Ombudsman");
		assertThat(english.select("a[href=https://www.nationaleombudsman.nl/]")).hasSize(1);
	}

	@Test
	void theContactSettingIsAnAddressOrAnHttpsLinkAndNothingElse() {
		var model = new ExtendedModelMap();
		new HomeController(" toegankelijkheid@gemeente.nl ").accessibility(model);
		assertThat(model.getAttribute("contact")).isEqualTo("mailto:toegankelijkheid@gemeente.nl");
		assertThat(model.getAttribute("contactText")).isEqualTo("toegankelijkheid@gemeente.nl");
		new HomeController("https://www.gemeente.nl/toegankelijkheid").accessibility(model);
		assertThat(model.getAttribute("contact")).isEqualTo("https://www.gemeente.nl/toegankelijkheid");
		new HomeController("").accessibility(model);
		assertThat(model.getAttribute("contact")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("http://www.gemeente.nl/toegankelijkheid"));
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("javascript:alert(1)"));
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("toegankelijkheid@gemeente"));
	}
}
