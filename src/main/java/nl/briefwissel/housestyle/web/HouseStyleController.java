package nl.briefwissel.housestyle.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.housestyle.HouseStyle;
import nl.briefwissel.housestyle.HouseStyleSheet;
import nl.briefwissel.housestyle.HouseStyles;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page for an organisation's house style: five colours and a name, each colour
 * refused at its field when what sits on it would be hard to read, a preview of what was typed, and
 * the way back to the standard look. The audit trail records each change with its colours.
 */
@Controller
class HouseStyleController {

	/** The form's fields in the order it shows them: the first refused one takes the focus. */
	private static final List<String> FIELDS = List.of("button", "buttonText", "link", "header",
			"headerText", "headerName");

	private final Organisations organisations;

	private final HouseStyles houseStyles;

	HouseStyleController(Organisations organisations, HouseStyles houseStyles) {
		this.organisations = organisations;
		this.houseStyles = houseStyles;
	}

	@GetMapping("/admin/organisations/{id}/house-style")
	String page(@PathVariable UUID id, Model model) {
		Organisation organisation = organisation(id);
		HouseStyle.Typed typed = houseStyles.of(id).map(HouseStyle::typed).orElse(HouseStyle.STANDARD);
		return page(model, organisation, typed, Map.of(), typed);
	}

	@PostMapping("/admin/organisations/{id}/house-style")
	String save(@PathVariable UUID id, @ModelAttribute HouseStyle.Typed typed, Model model, RedirectAttributes redirect) {
		Organisation organisation = organisation(id);
		HouseStyle.Checked checked = typed.check();
		if (checked.style().isEmpty()) {
			AuditedChange.refused();
			RefusedForm.shownAgain();
			return page(model, organisation, typed, checked.refusals(), null);
		}
		houseStyles.save(id, checked.style().get());
		redirect.addFlashAttribute("houseStyleSaved", Boolean.TRUE);
		return "redirect:/admin/organisations/" + id + "/house-style";
	}

	/** What the typed colours look like, before anything is saved: nothing changes, so nothing is on the trail. */
	@AuditedChange.Preview
	@PostMapping("/admin/organisations/{id}/house-style/preview")
	String preview(@PathVariable UUID id, @ModelAttribute HouseStyle.Typed typed, Model model) {
		Organisation organisation = organisation(id);
		HouseStyle.Checked checked = typed.check();
		model.addAttribute("previewed", checked.style().isPresent());
		if (checked.style().isEmpty()) {
			RefusedForm.shownAgain();
		}
		return page(model, organisation, typed, checked.refusals(), checked.style().isPresent() ? typed : null);
	}

	@PostMapping("/admin/organisations/{id}/house-style/standard")
	String standard(@PathVariable UUID id, RedirectAttributes redirect) {
		organisation(id);
		houseStyles.standard(id);
		redirect.addFlashAttribute("houseStyleStandard", Boolean.TRUE);
		return "redirect:/admin/organisations/" + id + "/house-style";
	}

	/** The preview's colours as a sheet for the preview alone: a style attribute is refused by our CSP. */
	@GetMapping("/admin/organisations/{id}/house-style/preview.css")
	ResponseEntity<String> previewSheet(@PathVariable UUID id, @ModelAttribute HouseStyle.Typed typed) {
		organisation(id);
		HouseStyle style = typed.check().style().orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		return ResponseEntity.ok().contentType(HouseStyleSheetController.CSS).body(HouseStyleSheet.preview(style));
	}

	private String page(Model model, Organisation organisation, HouseStyle.Typed typed, Map<String, HouseStyle.Refusal> refusals,
			HouseStyle.Typed previewOrNull) {
		model.addAttribute("organisation", organisation);
		model.addAttribute("typed", typed);
		model.addAttribute("refusals", refusals);
		model.addAttribute("firstRefused", FIELDS.stream().filter(refusals::containsKey).findFirst().orElse(null));
		Optional<HouseStyle> saved = houseStyles.of(organisation.id());
		model.addAttribute("standard", saved.isEmpty());
		// A refused form still shows a preview: of what is saved, so the page never shows colours that fail.
		HouseStyle.Typed preview = previewOrNull != null ? previewOrNull : saved.map(HouseStyle::typed).orElse(HouseStyle.STANDARD);
		model.addAttribute("preview", preview);
		return "housestyle/house-style";
	}

	private Organisation organisation(UUID id) {
		return organisations.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
