package nl.briefwissel.report.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.report.ParticipantExport;
import nl.briefwissel.report.ReportPdf;
import nl.briefwissel.report.Reports;
import nl.briefwissel.report.TrajectoryReport;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The record for its two readers: the participant (also after the trajectory ended) and the
 * trajectory's coach. Anyone else gets 404, so an identifier reveals nothing.
 */
@Controller
class ReportController {

	private final Trajectories trajectories;

	private final Reports reports;

	private final ReportPdf pdf;

	private final ParticipantExport export;

	private final Accounts accounts;

	/** The programme's clock: a download's name carries the date it is in Amsterdam, not on the server. */
	private final Clock clock;

	ReportController(Trajectories trajectories, Reports reports, ReportPdf pdf, ParticipantExport export, Accounts accounts,
			Clock clock) {
		this.clock = clock;
		this.trajectories = trajectories;
		this.reports = reports;
		this.pdf = pdf;
		this.export = export;
		this.accounts = accounts;
	}

	/**
	 * Everything about the participant: records as PDF, attachments, and all data as JSON, written
	 * to the download as it is made.
	 */
	@Audited(AuditAction.EXPORT)
	@GetMapping("/participant/export")
	void export(@AuthenticationPrincipal SignedInAccount me, Locale locale, HttpServletResponse response,
			jakarta.servlet.http.HttpServletRequest request) throws IOException {
		var participant = accounts.byId(me.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<TrajectoryOverview> own = trajectories.ofParticipant(me.id());
		// On each trajectory's own trail, as a coach's download of its record is.
		nl.briefwissel.audit.AuditedTrajectory.shown(request, own.stream().map(TrajectoryOverview::id).toList());
		String name = "briefwissel-" + (locale.getLanguage().equals("en") ? "my-data" : "mijn-gegevens") + "-" + LocalDate.now(clock)
				+ ".zip";
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		export.zip(participant, own, locale, response.getOutputStream());
	}

	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@GetMapping("/participant/report")
	String participantReports(@AuthenticationPrincipal SignedInAccount me, Locale locale, Model model,
			jakarta.servlet.http.HttpServletRequest request) {
		List<TrajectoryOverview> started = trajectories.ofParticipant(me.id()).stream().filter(t -> t.startedOn() != null).toList();
		if (started.size() == 1) {
			// Most participants have one trajectory: their record is the page itself, on the trail as
			// every reading of a conversation is (the list of several shows no content).
			nl.briefwissel.audit.AuditedTrajectory.shown(request, started.get(0).id());
			return participantPage(readable(started.get(0).id(), me, locale), model);
		}
		model.addAttribute("trajectories", started);
		return "report/choose";
	}

	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/participant/report/{id}")
	String participantReport(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Locale locale, Model model) {
		return participantPage(readable(id, me, locale), model);
	}

	@Audited(value = AuditAction.EXPORT, trajectory = "id")
	@GetMapping("/participant/report/{id}/pdf")
	ResponseEntity<byte[]> participantPdf(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Locale locale) {
		return download(readable(id, me, locale), locale, ReportPdf.Copy.PARTICIPANT);
	}

	@Audited(value = AuditAction.READ, trajectory = "id")
	@GetMapping("/coach/trajectories/{id}/report")
	String coachReport(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Locale locale, Model model) {
		return page(readable(id, me, locale), "/coach/trajectories/" + id + "/report", "/coach/trajectories/" + id + "/attachments",
				model);
	}

	@Audited(value = AuditAction.EXPORT, trajectory = "id")
	@GetMapping("/coach/trajectories/{id}/report/pdf")
	ResponseEntity<byte[]> coachPdf(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Locale locale) {
		return download(readable(id, me, locale), locale, ReportPdf.Copy.COACH);
	}

	private String participantPage(TrajectoryReport report, Model model) {
		UUID id = report.trajectory().id();
		return page(report, "/participant/report/" + id, "/participant/attachments/" + id, model);
	}

	/**
	 * {@code attachmentBase}: where this reader downloads the record's files, the route their conversation
	 * page links them to, which checks again that they may open this trajectory's files.
	 */
	private String page(TrajectoryReport report, String base, String attachmentBase, Model model) {
		model.addAttribute("report", report);
		model.addAttribute("pdfLink", base + "/pdf");
		model.addAttribute("attachmentBase", attachmentBase);
		return "report/page";
	}

	private ResponseEntity<byte[]> download(TrajectoryReport report, Locale locale, ReportPdf.Copy copy) {
		byte[] document = pdf.render(report, locale, copy);
		// Named after the participant: a coach who downloads several records on one day gets files that say
		// whose they are, not one name again and again ("briefwissel-verslag-2026-12-05 (3).pdf").
		String name = "briefwissel-" + (locale.getLanguage().equals("en") ? "report" : "verslag") + "-"
				+ fileNamePart(report.trajectory().participantName()) + LocalDate.now(clock) + ".pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(document);
	}

	/**
	 * Only a record that still has its content: one erased (by request or by its retention period) read
	 * as if nothing was ever written, "0 letters", with the participant's name on it for the coach; also
	 * not one whose erasure comes while it is gathered (Reports.readable).
	 */
	private TrajectoryReport readable(UUID id, SignedInAccount me, Locale locale) {
		return reports.readable(id, me.id(), locale).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/**
	 * A name as a part of a file name every system takes: letters without their accents, digits and
	 * dashes, at most forty characters, then a dash; nothing for a name with none of those (an erased one).
	 */
	static String fileNamePart(String name) {
		if (name == null) {
			return "";
		}
		// Letters that no accent-stripping turns into a plain one (Turkish dotless i, Scandinavian, Polish).
		String spelled = name.replace("ı", "i").replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
			.replace("Æ", "AE").replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D");
		String plain = java.text.Normalizer.normalize(spelled, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-+|-+$", "");
		if (plain.length() > 40) {
			plain = plain.substring(0, 40).replaceAll("-+$", "");
		}
		return plain.isEmpty() ? "" : plain + "-";
	}
}
