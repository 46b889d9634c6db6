package nl.briefwissel.writing;

import java.util.List;

/**
 * One remark on a draft: which rule, where in the text ({@code start} inclusive, {@code end}
 * exclusive), and the message key with its arguments for the gentle suggestion.
 */
public record Finding(String rule, int start, int end, String messageKey, List<Object> arguments) {

	public Finding {
		arguments = List.copyOf(arguments);
	}

	public Object[] args() {
		return arguments.toArray();
	}
}
