package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A parsed field selector: {@code =}, {@code ==} and {@code !=} on {@code metadata.name}, {@code metadata.namespace}
 * (answered from the stored metadata) and on any other dotted path such as {@code status.phase} (read from the
 * stored JSON once per object version).
 */
final class FieldSelector {

	static final FieldSelector EVERYTHING = new FieldSelector(List.of());

	private final List<Term> terms;

	private FieldSelector(List<Term> terms) {
		this.terms = terms;
	}

	static FieldSelector parse(@Nullable String selector) {
		if (selector == null || selector.isBlank()) {
			return EVERYTHING;
		}
		List<Term> terms = new ArrayList<>();
		for (String term : selector.split(",")) {
			terms.add(term(term.trim(), selector));
		}
		return new FieldSelector(terms);
	}

	private static Term term(String term, String selector) {
		for (String operator : List.of("!=", "==", "=")) {
			int at = term.indexOf(operator);
			if (at > 0) {
				String path = term.substring(0, at).trim();
				if (!path.matches("[A-Za-z0-9_.-]+")) {
					break;
				}
				return new Term(path, term.substring(at + operator.length()).trim(), operator.equals("!="));
			}
		}
		throw ApiError.badRequest("invalid field selector: \"" + selector + "\": \"" + term
				+ "\" is not of the form field=value, field==value or field!=value");
	}

	boolean matchesEverything() {
		return this.terms.isEmpty();
	}

	boolean matches(StoredObject object) {
		for (Term term : this.terms) {
			String actual = switch (term.path()) {
				case "metadata.name" -> object.name();
				case "metadata.namespace" -> (object.namespace() != null) ? object.namespace() : "";
				default -> object.field(term.path());
			};
			if (actual.equals(term.value()) == term.negated()) {
				return false;
			}
		}
		return true;
	}

	private record Term(String path, String value, boolean negated) {
	}

}
