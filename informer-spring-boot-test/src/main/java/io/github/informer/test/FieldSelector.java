package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A parsed field selector: the grammar of apimachinery's {@code fields.ParseSelector} ({@code =}, {@code ==} and
 * {@code !=} terms joined by commas, no blanks trimmed, {@code \} escaping {@code \ , =} in values), each label
 * converted by the kind's {@link SelectableFields} (an unsupported one is the real 400), matched against the values
 * the kind exposes.
 */
final class FieldSelector {

	static final FieldSelector EVERYTHING = new FieldSelector(List.of(), SelectableFields.METADATA);

	private static final List<String> OPERATORS = List.of("!=", "==", "=");

	private final List<Term> terms;

	private final SelectableFields fields;

	private FieldSelector(List<Term> terms, SelectableFields fields) {
		this.terms = terms;
		this.fields = fields;
	}

	/** Parses a selector for a kind; 400 BadRequest when malformed or when a label is not selectable there. */
	static FieldSelector parse(@Nullable String selector, SelectableFields fields) {
		if (selector == null || selector.isEmpty()) {
			return EVERYTHING;
		}
		List<Term> terms = new ArrayList<>();
		List<String> parts = split(selector);
		// kube-apiserver sorts the terms before it reads them, so the first error it reports is the first in order
		parts.sort(null);
		for (String part : parts) {
			if (!part.isEmpty()) {
				terms.add(term(part, selector));
			}
		}
		List<Term> converted = new ArrayList<>();
		for (Term term : terms) {
			converted.add(new Term(fields.canonical(term.label()), term.value(), term.negated()));
		}
		return new FieldSelector(converted, fields);
	}

	private static List<String> split(String selector) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		boolean escaped = false;
		for (int i = 0; i < selector.length(); i++) {
			char c = selector.charAt(i);
			if (escaped) {
				escaped = false;
			}
			else if (c == '\\') {
				escaped = true;
			}
			else if (c == ',') {
				parts.add(selector.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(selector.substring(start));
		return parts;
	}

	private static Term term(String part, String selector) {
		for (int i = 0; i < part.length(); i++) {
			for (String operator : OPERATORS) {
				if (part.startsWith(operator, i)) {
					return new Term(part.substring(0, i), unescape(part.substring(i + operator.length())),
							operator.equals("!="));
				}
			}
		}
		throw ApiError.badRequest("invalid selector: '" + selector + "'; can't understand '" + part + "'");
	}

	/** {@code fields.UnescapeValue}, with its error texts. */
	private static String unescape(String value) {
		StringBuilder result = new StringBuilder(value.length());
		boolean escaped = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (escaped) {
				if ("\\,=".indexOf(c) < 0) {
					throw ApiError.badRequest("invalid field selector: invalid escape sequence: \\" + c);
				}
				result.append(c);
				escaped = false;
			}
			else if (c == '\\') {
				escaped = true;
			}
			else if (c == ',' || c == '=') {
				// Go prints the rune as its code point
				throw ApiError.badRequest("invalid field selector: unescaped character in value: " + (int) c);
			}
			else {
				result.append(c);
			}
		}
		if (escaped) {
			throw ApiError.badRequest("invalid field selector: invalid escape sequence: \\");
		}
		return result.toString();
	}

	boolean matchesEverything() {
		return this.terms.isEmpty();
	}

	boolean matches(StoredObject object) {
		for (Term term : this.terms) {
			if (this.fields.value(object, term.label()).equals(term.value()) == term.negated()) {
				return false;
			}
		}
		return true;
	}

	private record Term(String label, String value, boolean negated) {
	}

}
