package nl.briefwissel.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A browser counts a line break in a text field as one character for {@code maxlength} and sends
 * it as two (CR LF). Read as one everywhere, so a letter or instructions that fitted the field also
 * fit the limit behind it, and what is stored does not depend on the browser.
 */
@ControllerAdvice
class LineEnds {

	@InitBinder
	void oneCharacterPerLineBreak(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				setValue(text == null ? null : text.replace("\r\n", "\n"));
			}
		});
	}
}
