package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A parsed field selector: the grammar of apimachinery's {@code fields.ParseSelector} ({@code =}, {@code ==} and
 * {@code !=} terms joined by commas, {@code \} escaping {@code \ , =} in values), each label converted by the kind's
 * {@link SelectableFields} (an unsupported one is the real 400), matched against the values the kind exposes.
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
		for (String part : split(selector)) {
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
					return new Term(part.substring(0, i), unescape(part.substring(i + operator.length()), selector),
							operator.equals("!="));
				}
			}
		}
		throw ApiError.badRequest("invalid selector: '" + selector + "'; can't understand '" + part + "'");
	}

	private static String unescape(String value, String selector) {
		StringBuilder result = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\') {
				if (i + 1 == value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
					throw ApiError.badRequest("invalid selector: '" + selector + "'; invalid escape sequence in value: '"
							+ value + "'");
				}
				result.append(value.charAt(++i));
			}
			else if (c == ',' || c == '=') {
				throw ApiError.badRequest("invalid selector: '" + selector + "'; unescaped '" + c + "' in value: '"
						+ value + "'");
			}
			else {
				result.append(c);
			}
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
