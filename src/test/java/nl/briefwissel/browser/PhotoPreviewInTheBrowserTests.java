package nl.briefwissel.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A photo assignment's answer as the coach and the participant see it in Chromium: the photo sent as
 * application/octet-stream (as Apple Mail and Outlook send one) shows as a small preview, loaded past
 * the page's Content-Security-Policy, named for a screen reader, and the pages hold to WCAG 2.1 AA.
 */
@BriefwisselTest
@Tag("browser")
class PhotoPreviewInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Test
	void theCoachAndTheParticipantSeeASmallPreviewOfAPhotoInTheLetter() throws IOException {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(coach.organisationId(), "fotos-" + UUID.randomUUID() + "@example.nl",
				"Femke Foto", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null), accounts.hash("briefwissel"));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		UUID trajectory = trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
				Today.date(), null);
		conversations.participantWrites(trajectory, participant.id(), "Mijn werkplek.",
				List.of(MailAttachment.received("werkplek.jpg", "application/octet-stream", new ByteArrayInputStream(photo()))));

		List<String> problems = new ArrayList<>();
		for (String[] reader : List.of(new String[] { coach.email(), "/coach/trajectories/" + trajectory },
				new String[] { participant.email(), "/participant/conversation?trajectory=" + trajectory })) {
			for (String language : List.of("nl", "en")) {
				ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
				try {
					Chromium.signIn(driver, port, reader[0]);
					driver.get("http://localhost:" + port + reader[1] + (reader[1].contains("?") ? "&" : "?") + "lang=" + language);
					WebElement preview = driver.findElement(By.cssSelector(".bw-attachments img.bw-attachment__photo"));
					// Its box is there before the lazy photo is: the page does not move when it loads.
					assertThat(preview.getSize().getHeight()).as("the box before the photo").isEqualTo(9 * 16 + 2); // and its border
					driver.executeScript("arguments[0].scrollIntoView()", preview);
					new WebDriverWait(driver, java.time.Duration.ofSeconds(15)).until(browser -> Boolean.TRUE.equals(
							driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", preview)));
					// The link's name is the file's; the photo in it adds nothing to say.
					assertThat(preview.getAttribute("alt")).isEmpty();
					assertThat(preview.findElement(By.xpath("..")).getText()).startsWith("werkplek.jpg (");
					assertThat(((Number) driver.executeScript("return arguments[0].naturalWidth", preview)).intValue()).isEqualTo(400);
					assertThat(preview.getSize().getWidth()).as("bounded by the style sheet").isLessThanOrEqualTo(12 * 16 + 2); // and its border
					assertThat(preview.getSize().getHeight()).as("the same box with the photo").isEqualTo(9 * 16 + 2);
					problems.addAll(Axe.violations(driver).stream().map(v -> reader[1] + " " + language + ": " + v).toList());
					PageCheck.screenshot(driver, "photo-preview-" + (reader[1].startsWith("/coach") ? "coach" : "participant") + "-" + language);
				}
				finally {
					driver.quit();
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/** A real JPEG wider than a preview: 400 by 300 pixels. */
	private static byte[] photo() throws IOException {
		BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, "jpg", out)).isTrue();
		return out.toByteArray();
	}
}
