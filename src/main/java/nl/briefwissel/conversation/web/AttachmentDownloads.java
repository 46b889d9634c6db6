package nl.briefwissel.conversation.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.conversation.Attachment;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.encryption.UnreadableRecordException;
import nl.briefwissel.mail.ImageFormat;
import nl.briefwissel.mail.ReadMail;
import nl.briefwissel.trajectory.IntakeFile;
import nl.briefwissel.trajectory.Intakes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Files and originals of messages, for whoever the controller has already checked. Files are
 * always downloaded, never shown inline, except photos: a hostile HTML file cannot run in our origin.
 * A photo is what its bytes are, not the type it was kept with: files kept before that type came from
 * the bytes said what the sender's mail program said (application/octet-stream from Apple Mail and
 * Outlook, or anything at all).
 */
@Component
class AttachmentDownloads {

	private static final Logger log = LoggerFactory.getLogger(AttachmentDownloads.class);

	private final Conversations conversations;

	private final Quarantine quarantine;

	private final Intakes intakes;

	AttachmentDownloads(Conversations conversations, Quarantine quarantine, Intakes intakes) {
		this.intakes = intakes;
		this.conversations = conversations;
		this.quarantine = quarantine;
	}

	/**
	 * The photo shown small in its letter: only a file kept as a photo whose bytes are one, else not found. Not on
	 * the audit trail, unlike {@link #download}: the conversation page that shows it was (and so covers the photos
	 * on it), and an entry per photo on every view read as if each had been opened on purpose.
	 */
	ResponseEntity<byte[]> preview(UUID trajectoryId, UUID attachmentId) {
		// Its kept type first: a PDF is not read whole to be refused (the letter previews only these).
		Attachment attachment = conversations.attachment(trajectoryId, attachmentId)
			.filter(Attachment::photo)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		byte[] content = content(attachmentId);
		if (ImageFormat.of(content).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return served(attachment, content);
	}

	ResponseEntity<byte[]> download(UUID trajectoryId, UUID attachmentId) {
		Attachment attachment = conversations.attachment(trajectoryId, attachmentId)
			.filter(Attachment::available)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return served(attachment, content(attachmentId));
	}

	private byte[] content(UUID attachmentId) {
		return conversations.attachmentContent(attachmentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/**
	 * A file of the application the trajectory came from (a CV sent with the mail to the intake address), served as a
	 * letter's file is: the caller checked the coach may read it.
	 */
	ResponseEntity<byte[]> applicationFile(UUID trajectoryId, UUID fileId) {
		IntakeFile file = intakes.fileOfTrajectory(trajectoryId, fileId)
			.filter(IntakeFile::available)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return served(file.fileName(), intakes.fileContent(fileId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	/** Inline only when its bytes are a photo; everything else downloaded, as octet-stream. */
	private static ResponseEntity<byte[]> served(Attachment attachment, byte[] content) {
		return served(attachment.fileName(), content);
	}

	private static ResponseEntity<byte[]> served(String fileName, byte[] content) {
		Optional<ImageFormat> photo = ImageFormat.of(content);
		ContentDisposition disposition = (photo.isPresent() ? ContentDisposition.inline() : ContentDisposition.attachment())
			.filename(fileName, StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.contentType(photo.map(format -> MediaType.parseMediaType(format.mediaType())).orElse(MediaType.APPLICATION_OCTET_STREAM))
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			// Also where the page's own headers would be left off: no browser reads an image as a page.
			.header("X-Content-Type-Options", "nosniff")
			.body(content);
	}

	/**
	 * The mail a letter came in, read; empty when it does not open (its key is not configured, or it
	 * was changed): the page says so in the coach's language instead of being an error page, and the
	 * log names the mail and the key, never what it says (decision 0057). Not stored: not found.
	 */
	Optional<ReadMail> original(Message message) {
		try {
			return Optional.of(quarantine.mail(message.inboundMailId())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		}
		catch (UnreadableRecordException e) {
			log.error("inbound_mail {} of message {} does not open and its original is shown as unreadable: {}",
					message.inboundMailId(), message.id(), e.getMessage());
			return Optional.empty();
		}
	}
}
