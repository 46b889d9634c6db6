package nl.briefwissel.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * An address whose identifier does not parse ({@code /intake/programme/nope}, a link cut off in a mail) names no
 * page, just as a well-formed identifier nobody has: both answer 404 "Pagina niet gevonden". Spring answers 400 by
 * default, and the person read that the form they sent could not be used and to press the back button. Only a
 * path's part: a request parameter or a form's field that does not parse is still a request that could not be used.
 */
@ControllerAdvice
class UnparsablePaths {

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	void notFound(MethodArgumentTypeMismatchException mismatch, HttpServletResponse response)
			throws MethodArgumentTypeMismatchException, IOException {
		if (!mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
			throw mismatch; // the same exception: Spring's own resolver answers it 400, as before
		}
		// The error page as any unknown address gets it (an exception thrown from here would be taken for a slip).
		response.sendError(HttpStatus.NOT_FOUND.value());
	}
}
