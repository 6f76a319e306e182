package io.github.informer.selector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * apimachinery's {@code util/validation} checks a label selector runs ({@code IsQualifiedName},
 * {@code IsValidLabelValue}) and the {@code field.Invalid} / aggregate error texts they end up in, word for word, so a
 * rejected selector reads as kube-apiserver's 400 does.
 */
final class Validation {

	private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

	private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");

	private static final String QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', "
			+ "and must start and end with an alphanumeric character";

	private static final int QUALIFIED_NAME_MAX_LENGTH = 63;

	private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";

	private static final Pattern LABEL_VALUE = Pattern.compile("^" + LABEL_VALUE_FMT + "$");

	private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
			+ "characters, '-', '_' or '.', and must start and end with an alphanumeric character";

	private static final int LABEL_VALUE_MAX_LENGTH = 63;

	private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

	private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";

	private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");

	private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case "
			+ "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

	private static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

	private static final Pattern INT64 = Pattern.compile("^[+-]?[0-9]+$");

	private Validation() {
	}

	/** Go's {@code strconv.ParseInt(value, 10, 64)}: ASCII digits only (Java's parser takes any Unicode digit). */
	static @Nullable Long parseInt64(String value) {
		if (!INT64.matcher(value).matches()) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** {@code validation.IsQualifiedName}. */
	static List<String> qualifiedNameErrors(String value) {
		List<String> errors = new ArrayList<>();
		String[] parts = value.split("/", -1);
		String name;
		if (parts.length == 1) {
			name = parts[0];
		}
		else if (parts.length == 2) {
			String prefix = parts[0];
			name = parts[1];
			if (prefix.isEmpty()) {
				errors.add("prefix part " + emptyError());
			}
			else {
				for (String message : dns1123SubdomainErrors(prefix)) {
					errors.add("prefix part " + message);
				}
			}
		}
		else {
			errors.add("a qualified name "
					+ regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
					+ " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
			return errors;
		}
		if (name.isEmpty()) {
			errors.add("name part " + emptyError());
		}
		else if (length(name) > QUALIFIED_NAME_MAX_LENGTH) {
			errors.add("name part " + maxLengthError(QUALIFIED_NAME_MAX_LENGTH));
		}
		if (!QUALIFIED_NAME.matcher(name).matches()) {
			errors.add("name part " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name",
					"123-abc"));
		}
		return errors;
	}

	/** {@code validation.IsValidLabelValue}. */
	static List<String> labelValueErrors(String value) {
		List<String> errors = new ArrayList<>();
		if (length(value) > LABEL_VALUE_MAX_LENGTH) {
			errors.add(maxLengthError(LABEL_VALUE_MAX_LENGTH));
		}
		if (!LABEL_VALUE.matcher(value).matches()) {
			errors.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
		}
		return errors;
	}

	private static List<String> dns1123SubdomainErrors(String value) {
		List<String> errors = new ArrayList<>();
		if (length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
			errors.add(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
		}
		if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
			errors.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
		}
		return errors;
	}

	/** Go's {@code len}: bytes of UTF-8, not characters. */
	private static int length(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length;
	}

	private static String emptyError() {
		return "must be non-empty";
	}

	private static String maxLengthError(int length) {
		return "must be no more than " + length + " characters";
	}

	/** {@code validation.RegexError}, double blanks between the examples included. */
	private static String regexError(String message, String format, String... examples) {
		StringBuilder result = new StringBuilder(message).append(" (e.g. ");
		for (int i = 0; i < examples.length; i++) {
			if (i > 0) {
				result.append(" or ");
			}
			result.append('\'').append(examples[i]).append("', ");
		}
		return result.append("regex used for validation is '").append(format).append("')").toString();
	}

	/**
	 * {@code field.Invalid(path, value, detail).Error()}: the path ({@code <nil>} for none), then
	 * {@code Invalid value: "value": detail}.
	 */
	static String invalid(String path, String value, String detail) {
		return path + ": Invalid value: " + quote(value) + (detail.isEmpty() ? "" : ": " + detail);
	}

	/** {@code utilerrors.Aggregate.Error()}: one message as is, several deduplicated in brackets. */
	static String aggregate(List<String> messages) {
		if (messages.size() == 1) {
			return messages.get(0);
		}
		Set<String> seen = new LinkedHashSet<>(messages);
		return (seen.size() == 1) ? seen.iterator().next() : "[" + String.join(", ", seen) + "]";
	}

	/** Go's {@code %q} for the characters a selector can hold. */
	static String quote(String value) {
		StringBuilder result = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> result.append("\\\"");
				case '\\' -> result.append("\\\\");
				case '\n' -> result.append("\\n");
				case '\r' -> result.append("\\r");
				case '\t' -> result.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						result.append(String.format("\\x%02x", (int) c));
					}
					else {
						result.append(c);
					}
				}
			}
		}
		return result.append('"').toString();
	}

}
