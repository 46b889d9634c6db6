package nl.briefwissel.closing.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.briefwissel.closing.Evaluations;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The evaluation form behind the mailed link; works once, without signing in. */
@Controller
class EvaluationController {

	private final Evaluations evaluations;

	EvaluationController(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	/** As posted: text only, so every wrong value becomes a sentence rather than a failed bind. */
	record Form(@NotNull(message = "{evaluation.error.score}") @Pattern(regexp = SCORE, message = "{evaluation.error.score}") String satisfaction,
			@NotNull(message = "{evaluation.error.score}") @Pattern(regexp = SCORE, message = "{evaluation.error.score}") String answeredBefore,
			@NotNull(message = "{evaluation.error.score}") @Pattern(regexp = SCORE, message = "{evaluation.error.score}") String answeredAfter,
			@NotNull(message = "{evaluation.error.recommend}") @Pattern(regexp = "true|false", message = "{evaluation.error.recommend}") String recommend,
			@NotNull(message = "{evaluation.error.helped}") @Pattern(regexp = "WRITING|COACH_QUESTIONS|ASSIGNMENTS|RHYTHM|REREADING|OTHER",
					message = "{evaluation.error.helped}") String helpedMost,
			@Size(max = 4000, message = "{evaluation.error.remarks}") String remarks) {

		static final String SCORE = "[1-9]|10";

		static Form empty() {
			return new Form(null, null, null, null, null, null);
		}

		Evaluations.Answers answers() {
			return new Evaluations.Answers(Integer.parseInt(satisfaction), Integer.parseInt(answeredBefore),
					Integer.parseInt(answeredAfter), Boolean.parseBoolean(recommend), Evaluations.HelpedMost.valueOf(helpedMost),
					remarks);
		}
	}

	@GetMapping("/evaluation/{token}")
	String form(@PathVariable String token, Model model) {
		return evaluations.byToken(token).map(trajectory -> {
			model.addAttribute("form", Form.empty());
			return show(model, token, trajectory.coachName());
		}).orElseGet(() -> "closing/evaluation-invalid");
	}

	@PostMapping("/evaluation/{token}")
	String answer(@PathVariable String token, @Valid @ModelAttribute("form") Form form, BindingResult errors, Model model) {
		var trajectory = evaluations.byToken(token);
		if (trajectory.isEmpty()) {
			return "closing/evaluation-invalid";
		}
		if (errors.hasErrors()) {
			return show(model, token, trajectory.get().coachName());
		}
		return evaluations.answer(token, form.answers()) ? "closing/evaluation-thanks" : "closing/evaluation-invalid";
	}

	private String show(Model model, String token, String coach) {
		model.addAttribute("token", token);
		model.addAttribute("coach", coach);
		model.addAttribute("helped", Evaluations.HelpedMost.values());
		return "closing/evaluation";
	}
}
