package io.github.informer.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A field selector parsed as kube-apiserver parses the {@code fieldSelector} parameter: a port of apimachinery's
 * {@code fields.ParseSelector} (k8s.io/apimachinery/pkg/fields/selector.go and fields/requirements.go). Terms are
 * split at unescaped commas and sorted, empty terms skipped, each split at its first {@code !=}, {@code ==} or
 * {@code =}; nothing is trimmed; in values {@code \} escapes {@code \}, {@code ,} and {@code =}, which must not
 * appear unescaped. Which fields a kind can select is the server's business, not the syntax's. Immutable.
 */
public final class FieldSelector {

	private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

	private static final List<String> OPERATORS = List.of("!=", "==", "=");

	private final List<FieldRequirement> requirements;

	private FieldSelector(List<FieldRequirement> requirements) {
		this.requirements = List.copyOf(requirements);
	}

	/** The selector that matches every object (an empty string). */
	public static FieldSelector everything() {
		return EVERYTHING;
	}

	/**
	 * Parse a selector.
	 * @param selector the selector, for example {@code spec.nodeName=node-1,status.phase!=Succeeded}
	 * @return the selector, its terms in the sorted order kube-apiserver reads them in
	 * @throws SelectorSyntaxException with kube-apiserver's message when kube-apiserver would answer 400
	 */
	public static FieldSelector parse(String selector) {
		List<String> parts = split(selector);
		// kube-apiserver sorts the raw terms before reading them, so the first error reported is the first in order
		parts.sort(null);
		List<FieldRequirement> requirements = new ArrayList<>();
		for (String part : parts) {
			if (!part.isEmpty()) {
				requirements.add(term(part, selector));
			}
		}
		return requirements.isEmpty() ? EVERYTHING : new FieldSelector(requirements);
	}

	/** {@code splitTerms}: commas not preceded by an unescaped backslash. */
	private static List<String> split(String selector) {
		List<String> parts = new ArrayList<>();
		if (selector.isEmpty()) {
			return parts;
		}
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

	/** {@code splitTerm}: the field holds no escapes, so the first operator anywhere splits the term. */
	private static FieldRequirement term(String part, String selector) {
		for (int i = 0; i < part.length(); i++) {
			for (String operator : OPERATORS) {
				if (part.startsWith(operator, i)) {
					Operator op = switch (operator) {
						case "!=" -> Operator.NOT_EQUALS;
						case "==" -> Operator.DOUBLE_EQUALS;
						default -> Operator.EQUALS;
					};
					return new FieldRequirement(part.substring(0, i), op,
							unescape(part.substring(i + operator.length())));
				}
			}
		}
		throw new SelectorSyntaxException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
	}

	/** {@code fields.UnescapeValue}, with its error texts. */
	static String unescape(String value) {
		StringBuilder result = new StringBuilder(value.length());
		boolean escaped = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (escaped) {
				if (c != '\\' && c != ',' && c != '=') {
					throw new SelectorSyntaxException(
							"invalid field selector: invalid escape sequence: \\" + Character.toString(value.codePointAt(i)));
				}
				result.append(c);
				escaped = false;
			}
			else if (c == '\\') {
				escaped = true;
			}
			else if (c == ',' || c == '=') {
				// Go prints the rune with %v, that is its code point
				throw new SelectorSyntaxException("invalid field selector: unescaped character in value: " + (int) c);
			}
			else {
				result.append(c);
			}
		}
		if (escaped) {
			throw new SelectorSyntaxException("invalid field selector: invalid escape sequence: \\");
		}
		return result.toString();
	}

	/** {@code fields.EscapeValue}. */
	public static String escape(String value) {
		return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
	}

	/** The terms, in kube-apiserver's (sorted) order; all must hold. */
	public List<FieldRequirement> requirements() {
		return this.requirements;
	}

	/** Whether the selector selects everything ({@code Selector.Empty}). */
	public boolean isEmpty() {
		return this.requirements.isEmpty();
	}

	/**
	 * The same selector with each field renamed ({@code Selector.Transform}), for example to a kind's canonical
	 * field names; the function may throw to reject a field.
	 */
	public FieldSelector withFields(UnaryOperator<String> rename) {
		List<FieldRequirement> renamed = new ArrayList<>();
		for (FieldRequirement requirement : this.requirements) {
			renamed.add(new FieldRequirement(rename.apply(requirement.field()), requirement.operator(),
					requirement.value()));
		}
		return renamed.isEmpty() ? EVERYTHING : new FieldSelector(renamed);
	}

	/**
	 * Whether every term matches.
	 * @param fieldValue the object's value of a field, empty when it has none
	 */
	public boolean matches(Function<String, String> fieldValue) {
		for (FieldRequirement requirement : this.requirements) {
			if (!requirement.matches(fieldValue.apply(requirement.field()))) {
				return false;
			}
		}
		return true;
	}

	/** The selector in kube-apiserver's form ({@code Selector.String}): terms joined by commas. */
	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		for (FieldRequirement requirement : this.requirements) {
			parts.add(requirement.toString());
		}
		return String.join(",", parts);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof FieldSelector that && this.requirements.equals(that.requirements);
	}

	@Override
	public int hashCode() {
		return this.requirements.hashCode();
	}

}
