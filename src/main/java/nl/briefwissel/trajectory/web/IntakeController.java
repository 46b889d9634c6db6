package nl.briefwissel.trajectory.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.briefwissel.TypedName;
import nl.briefwissel.organisation.LegalBasis;
import nl.briefwissel.organisation.PrivacyContacts;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeForm;
import nl.briefwissel.trajectory.Intakes;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The intake pages anyone can open: the programme's public form, the form behind an invitation or
 * an intake-mail link, and the confirmation of the address. A confirmation link only shows a
 * button: mail scanners open links, and opening must not apply on someone's behalf. A form sent
 * twice (a double click: the browser shows the last answer) is answered as the first time.
 */
@Controller
class IntakeController {

	private final Programmes programmes;

	private final Themes themes;

	private final Intakes intakes;

	private final PrivacyContacts privacyContacts;

	IntakeController(Programmes programmes, Themes themes, Intakes intakes, PrivacyContacts privacyContacts) {
		this.programmes = programmes;
		this.themes = themes;
		this.intakes = intakes;
		this.privacyContacts = privacyContacts;
	}

	/**
	 * The organisation's basis, which the statement box's words follow: it asks for agreement only under consent
	 * (decision 0138). Under a public task or a legitimate interest the processing does not rest on the applicant's
	 * agreement, so the box says the statement was read; ticked, it is kept as before.
	 */
	private LegalBasis basisOf(Programme programme) {
		return privacyContacts.of(programme.organisationId()).legalBasis();
	}

	/**
	 * The form as posted. Every value is text, so that nothing a browser sends can fail to bind:
	 * each wrong value becomes a sentence on the page. A "no" in the self-check is answered with
	 * advice before the application goes out.
	 */
	record Fields(@NotBlank(message = "{intake.error.name}") @Size(max = 200, message = "{intake.error.name.tooLong}")
			@TypedName.Plain String displayName,
			@NotBlank(message = "{intake.error.email}") @Email(message = "{intake.error.email}") @Size(max = 320,
					message = "{intake.error.email}") String email,
			// The length only of a question there is: an empty one is said once, as missing.
			@NotBlank(message = "{intake.error.question}") @Pattern(regexp = "(?s)\\s*|.{10,8000}",
					message = "{intake.error.questionLength}") String question,
			@NotBlank(message = "{intake.error.theme}") String theme,
			@NotNull(message = "{intake.error.selfCheck}") @Pattern(regexp = ANSWER, message = "{intake.error.selfCheck}") String writesComfortably,
			@NotNull(message = "{intake.error.selfCheck}") @Pattern(regexp = ANSWER, message = "{intake.error.selfCheck}") String motivated,
			@NotNull(message = "{intake.error.selfCheck}") @Pattern(regexp = ANSWER, message = "{intake.error.selfCheck}") String hasTime,
			@NotNull(message = "{intake.error.expectations}") @Pattern(regexp = "true", message = "{intake.error.expectations}") String expectations,
			// Checked in problems(): its error follows the organisation's legal basis.
			String consent,
			String adviceRead, String employer,
			// The basis whose words the statement box showed (decision 0138, amended); none from a page of before.
			String statementBasis,
			// The retention period the statement box named, in months (decision 0134, amended); none from a page of before.
			String statementRetention) {

		static final String ANSWER = "YES|PARTLY|NO";

		static Fields empty(String name, String email, String question) {
			return new Fields(name, email, question, null, null, null, null, null, null, null, null, null, null);
		}

		Intake.SelfCheck selfCheck() {
			return new Intake.SelfCheck(Intake.Answer.valueOf(writesComfortably), Intake.Answer.valueOf(motivated),
					Intake.Answer.valueOf(hasTime));
		}

		public boolean checked(String box) {
			return "true".equals(box);
		}

		IntakeForm toForm() {
			return new IntakeForm(displayName.strip(), email.strip(), question.strip(), theme, selfCheck(), checked(expectations),
					checked(consent), checked(employer), LegalBasis.named(statementBasis == null ? null : statementBasis.strip()).orElse(null),
					months(statementRetention));
		}

		/** The months as sent, or null when none were or they are no number (then the form was sent back, see problems()). */
		static Integer months(String typed) {
			try {
				return typed == null || typed.isBlank() ? null : Integer.valueOf(typed.strip());
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
	}

	@GetMapping("/intake/programme/{id}")
	String publicForm(@PathVariable UUID id, Model model, jakarta.servlet.http.HttpServletResponse response) {
		Programme programme = programmes.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!programme.publicIntake()) {
			// A link on the intranet after the programme closed it: say so, not "a typo in the address".
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return message(model, "intake.closed.title", "intake.closed.visit", null);
		}
		model.addAttribute("submission", UUID.randomUUID()); // the application is written once
		return form(model, programme, Fields.empty(null, null, null), "/intake/programme/" + id, true);
	}

	@PostMapping("/intake/programme/{id}")
	String applyByLink(@PathVariable UUID id, @Valid @ModelAttribute("fields") Fields fields, BindingResult errors,
			@RequestParam(name = "submission", required = false) String posted, Model model, Locale locale) {
		Programme programme = programmes.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!programme.publicIntake()) {
			// Closed while the person was writing: say so, and give their words back to keep, instead of
			// a "page not found" that loses a question that may have taken half an hour.
			model.addAttribute("keptQuestion", fields.question() == null ? "" : fields.question());
			return message(model, "intake.closed.title", "intake.closed.body", null);
		}
		UUID submission = formId(posted);
		// Taken by the validator and the strict parser alike, and never delivered: the confirmation link would
		// not arrive. Said as what is missing, as the person typed all but the end. Only here: a link that was
		// opened from a mail (an invitation, an intake mail) proved its address.
		if (!errors.hasFieldErrors("email") && nl.briefwissel.mail.MailAddresses.dotlessDomain(fields.email())) {
			errors.rejectValue("email", "intake.error.email.domain");
		}
		if (problems(programme, fields, errors, model)) {
			// Nothing was written: the form's id stays with it to the next try.
			model.addAttribute("submission", submission == null ? UUID.randomUUID() : submission);
			return form(model, programme, fields, "/intake/programme/" + id, true);
		}
		if (!intakes.applyByLink(programme, fields.toForm(), locale, submission)) {
			// The organisation was ended while the person wrote: nothing was kept, their words are given back.
			model.addAttribute("keptQuestion", fields.question() == null ? "" : fields.question());
			return message(model, "intake.ended.title", "intake.ended.body", null);
		}
		return message(model, "intake.sent.title", "intake.sent.body", fields.email());
	}

	@GetMapping("/intake/complete/{token}")
	String completeForm(@PathVariable String token, Model model, jakarta.servlet.http.HttpServletResponse response) {
		return intakes.toComplete(token).map(intake -> {
			Programme programme = programmes.byId(intake.programmeId()).orElseThrow();
			model.addAttribute("fixedEmail", intake.email());
			whatTheMailBrought(model, intake.id());
			return form(model, programme, Fields.empty(intake.displayName(), intake.email(), intake.question()),
					"/intake/complete/" + token, false);
		}).orElseGet(() -> sentOrInvalid(token, null, model, response));
	}

	@PostMapping("/intake/complete/{token}")
	String complete(@PathVariable String token, @Valid @ModelAttribute("fields") Fields posted, BindingResult errors,
			Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
		var intake = intakes.toComplete(token);
		if (intake.isEmpty()) {
			// The second of a double click arrives after the first went in; a link that stopped working while
			// the person wrote (withdrawn, expired) gives their words back to keep, as a closed intake does.
			return sentOrInvalid(token, posted.question(), model, response);
		}
		Programme programme = programmes.byId(intake.get().programmeId()).orElseThrow();
		// The address is the one the link was sent to; the form cannot change it.
		Fields fields = new Fields(posted.displayName(), intake.get().email(), posted.question(), posted.theme(),
				posted.writesComfortably(), posted.motivated(), posted.hasTime(), posted.expectations(), posted.consent(),
				posted.adviceRead(), posted.employer(), posted.statementBasis(), posted.statementRetention());
		if (problems(programme, fields, errors, model)) {
			model.addAttribute("fixedEmail", intake.get().email());
			whatTheMailBrought(model, intake.get().id());
			return form(model, programme, fields, "/intake/complete/" + token, false);
		}
		return intakes.complete(token, fields.toForm(), locale).map(submission -> submitted(model, submission))
			.orElseGet(() -> invalid(token, posted.question(), model, response));
	}

	@GetMapping("/intake/confirm/{token}")
	String confirmPage(@PathVariable String token, Model model, jakarta.servlet.http.HttpServletResponse response) {
		if (intakes.superseded(token)) {
			// Reading changes nothing, so a mail scanner may open this too: there is nothing left to confirm.
			return superseded(model, response);
		}
		if (!intakes.awaitingConfirmation(token)) {
			// Confirmed already (a second look answers as the first), or expired, withdrawn, broken off: its status
			// says so as the button's answer would (decision 0008); with 200 a scanner took a dead link for a working one.
			return sentOrInvalid(token, null, model, response);
		}
		model.addAttribute("token", token);
		return "trajectory/intake-confirm";
	}

	@PostMapping("/intake/confirm/{token}")
	String confirm(@PathVariable String token, Model model, jakarta.servlet.http.HttpServletResponse response) {
		return intakes.confirm(token).map(submission -> submitted(model, submission))
			.orElseGet(() -> intakes.superseded(token) ? superseded(model, response) : invalid(token, null, model, response));
	}

	/**
	 * The programme invited the address itself, and its invitation took the place of this application (decision
	 * 0082): the way on is that mail's link, not "apply again". Whoever has this link has that mailbox. The link no
	 * longer works, so it answers 410 with this page, as every link that no longer works does (decisions 0008 and
	 * 0091): with 200 a mail scanner or a monitor took it for a working one.
	 */
	private static String superseded(Model model, jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(HttpStatus.GONE.value());
		return message(model, "intake.superseded.title", "intake.superseded.body", null);
	}

	private boolean problems(Programme programme, Fields fields, BindingResult errors, Model model) {
		if (fields.theme() != null && themes.active(programme.id()).stream().noneMatch(t -> t.code().equals(fields.theme()))) {
			errors.rejectValue("theme", "intake.error.theme");
		}
		// The validator lets through addresses (an underscore in the domain) that a mail cannot be written
		// to: "check your mail" was shown and the confirmation failed for good, unseen by anyone.
		if (!errors.hasFieldErrors("email") && fields.email() != null && !Intakes.answerable(fields.email().strip())) {
			errors.rejectValue("email", "intake.error.email");
		}
		LegalBasis basis = basisOf(programme);
		boolean basisChanged = shownUnderAnother(fields, basis);
		boolean periodChanged = toldAnotherPeriod(fields, programme);
		if (basisChanged) {
			// The box was ticked under words the organisation no longer uses (an administrator switched its basis while
			// the form was open): kept, the tick would mean words the applicant never read. The form comes back with
			// the new words, the box not ticked and all else as typed (decision 0138, amended).
			errors.rejectValue("consent", "intake.error.statementChanged");
			model.addAttribute("statementChanged", true);
		}
		if (periodChanged) {
			// The box named another retention period than the programme's now (a manager changed it while the form was
			// open): kept, the application would hold the applicant to a period they were never told. The form comes
			// back naming the new period, the box not ticked and all else as typed (decision 0134, amended); said
			// beside a changed basis too, which names no period.
			errors.rejectValue("consent", "intake.error.retentionChanged", new Object[] { programme.retentionMonths() }, null);
			model.addAttribute("statementChanged", true);
		}
		if (!basisChanged && !periodChanged && !fields.checked(fields.consent())) {
			errors.rejectValue("consent", basis == LegalBasis.CONSENT ? "intake.error.consent" : "intake.error.statementRead");
		}
		if (errors.hasErrors()) {
			return true;
		}
		if (fields.selfCheck().suggestsAnotherForm() && !fields.checked(fields.adviceRead())) {
			model.addAttribute("advice", true);
			return true;
		}
		return false;
	}

	/**
	 * Whether the form showed the statement box under another basis than the organisation's now. A form without one
	 * (a page opened before the form carried it) is taken as it was before: the basis of the moment it is sent.
	 */
	private static boolean shownUnderAnother(Fields fields, LegalBasis basis) {
		String shown = fields.statementBasis();
		return shown != null && !shown.isBlank() && LegalBasis.named(shown.strip()).orElse(null) != basis;
	}

	/**
	 * Whether the form named another retention period than the programme's now. A form without one (a page opened
	 * before the form carried it) is taken as before: the period of the moment it is sent.
	 */
	private static boolean toldAnotherPeriod(Fields fields, Programme programme) {
		String shown = fields.statementRetention();
		return shown != null && !shown.isBlank() && !Integer.valueOf(programme.retentionMonths()).equals(Fields.months(shown));
	}

	/**
	 * The files a mail to the intake address brought (a CV), which come with the application once it is sent, and
	 * whether that mail's sender was not confirmed (decision 0129): the person sees what they make theirs by sending
	 * it, and may leave a stranger's application unsent. Names and sizes only: the link's holder is not signed in.
	 */
	private void whatTheMailBrought(Model model, UUID intakeId) {
		model.addAttribute("mailedFiles", intakes.filesOf(intakeId));
		model.addAttribute("senderUnconfirmed", intakes.startedByUnconfirmedSender(intakeId));
	}

	private String form(Model model, Programme programme, Fields fields, String action, boolean emailEditable) {
		model.addAttribute("programme", programme);
		// The form wears the house style of the programme's organisation (decision 0074).
		model.addAttribute("pageOrganisation", programme.organisationId());
		model.addAttribute("employerContact", programmes.employerContact(programme.id()).orElse(null));
		LegalBasis basis = basisOf(programme);
		model.addAttribute("asksConsent", basis == LegalBasis.CONSENT);
		model.addAttribute("statementBasis", basis.name());
		model.addAttribute("themes", themes.active(programme.id()));
		model.addAttribute("answers", List.of(Intake.Answer.values()));
		if (!model.containsAttribute("fields")) {
			// Re-adding the bound form would drop its BindingResult, and with it the errors to show.
			model.addAttribute("fields", fields);
		}
		model.addAttribute("action", action);
		model.addAttribute("emailEditable", emailEditable);
		return "trajectory/intake-form";
	}

	private String submitted(Model model, Intakes.Submission submission) {
		if (submission instanceof Intakes.Submission.AlreadyEnrolled) {
			return message(model, "intake.already.title", "intake.already.body", null);
		}
		return message(model, "intake.done.title", "intake.done.body", null);
	}

	/** A link whose application went in already shows what became of it; any other link that does not work says so. */
	private String sentOrInvalid(String token, String typedQuestion, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		return intakes.submittedBy(token).map(submission -> submitted(model, submission))
			.orElseGet(() -> invalid(token, typedQuestion, model, response));
	}

	/**
	 * A link that does not work (any more); a question typed into its form is given back to keep. Its status
	 * tells a mail scanner or a monitor what the page tells a person, as the evaluation's and the address
	 * confirmation's links do (decision 0008): a whole link is gone for good (410), one broken off by a mail
	 * program never was a page (404). With 200 they took a dead link for a working one.
	 */
	private String invalid(String token, String typedQuestion, Model model, jakarta.servlet.http.HttpServletResponse response) {
		if (typedQuestion != null && !typedQuestion.isBlank()) {
			model.addAttribute("keptQuestion", typedQuestion);
		}
		response.setStatus(nl.briefwissel.account.LinkTokens.plausible(token) ? HttpStatus.GONE.value() : HttpStatus.NOT_FOUND.value());
		return message(model, "intake.invalid.title", "intake.invalid.body", null);
	}

	private static String message(Model model, String title, String body, String argument) {
		model.addAttribute("titleKey", title);
		model.addAttribute("bodyKey", body);
		model.addAttribute("argument", argument);
		return "trajectory/intake-message";
	}

	/** The form's id as text, like every other field: one that is not an id counts as none (written every time). */
	private static UUID formId(String posted) {
		try {
			return posted == null || posted.isBlank() ? null : UUID.fromString(posted.strip());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

}
