package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A parsed label selector in the full Kubernetes syntax: {@code a=b}, {@code a==b}, {@code a!=b},
 * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}; commas mean AND.
 */
final class LabelSelector {

	static final LabelSelector EVERYTHING = new LabelSelector(List.of());

	private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");

	private static final Pattern KEY = Pattern
		.compile("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

	private static final Pattern VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$");

	private final List<Requirement> requirements;

	private LabelSelector(List<Requirement> requirements) {
		this.requirements = requirements;
	}

	static LabelSelector parse(@Nullable String selector) {
		if (selector == null || selector.isBlank()) {
			return EVERYTHING;
		}
		List<Requirement> requirements = new ArrayList<>();
		for (String term : splitTopLevel(selector)) {
			requirements.add(requirement(term.trim(), selector));
		}
		return new LabelSelector(requirements);
	}

	private static List<String> splitTopLevel(String selector) {
		List<String> terms = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < selector.length(); i++) {
			char c = selector.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				terms.add(selector.substring(start, i));
				start = i + 1;
			}
		}
		terms.add(selector.substring(start));
		return terms;
	}

	private static Requirement requirement(String term, String selector) {
		if (term.isEmpty()) {
			throw invalid(selector, "found '', expected: identifier");
		}
		Matcher set = SET.matcher(term);
		if (set.matches()) {
			List<String> values = new ArrayList<>();
			for (String value : set.group(3).split(",", -1)) {
				values.add(value(value.trim(), selector));
			}
			return new Requirement(key(set.group(1), selector), set.group(2).equals("in") ? Op.IN : Op.NOT_IN,
					Set.copyOf(values));
		}
		if (term.startsWith("!")) {
			return new Requirement(key(term.substring(1).trim(), selector), Op.DOES_NOT_EXIST, Set.of());
		}
		for (String operator : List.of("!=", "==", "=", ">", "<")) {
			int at = term.indexOf(operator);
			if (at > 0) {
				String key = key(term.substring(0, at).trim(), selector);
				String value = term.substring(at + operator.length()).trim();
				return switch (operator) {
					case "!=" -> new Requirement(key, Op.NOT_EQUALS, Set.of(value(value, selector)));
					case ">", "<" -> new Requirement(key, operator.equals(">") ? Op.GREATER : Op.LESS,
							Set.of(integer(value, selector)));
					default -> new Requirement(key, Op.EQUALS, Set.of(value(value, selector)));
				};
			}
		}
		return new Requirement(key(term, selector), Op.EXISTS, Set.of());
	}

	private static String key(String key, String selector) {
		if (!KEY.matcher(key).matches()) {
			throw invalid(selector, "invalid label key \"" + key + "\"");
		}
		return key;
	}

	private static String value(String value, String selector) {
		if (!VALUE.matcher(value).matches()) {
			throw invalid(selector, "invalid label value: \"" + value + "\"");
		}
		return value;
	}

	private static String integer(String value, String selector) {
		try {
			Long.parseLong(value);
			return value;
		}
		catch (NumberFormatException ex) {
			throw invalid(selector, "for 'Gt', 'Lt' operators, the value must be an integer");
		}
	}

	private static ApiError invalid(String selector, String why) {
		return ApiError.badRequest("unable to parse requirement: " + why + " (labelSelector \"" + selector + "\")");
	}

	boolean matchesEverything() {
		return this.requirements.isEmpty();
	}

	boolean matches(Map<String, String> labels) {
		for (Requirement requirement : this.requirements) {
			if (!requirement.matches(labels)) {
				return false;
			}
		}
		return true;
	}

	private enum Op {

		EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER, LESS

	}

	private record Requirement(String key, Op op, Set<String> values) {

		boolean matches(Map<String, String> labels) {
			String value = labels.get(this.key);
			return switch (this.op) {
				case EQUALS, IN -> value != null && this.values.contains(value);
				case NOT_EQUALS, NOT_IN -> value == null || !this.values.contains(value);
				case EXISTS -> value != null;
				case DOES_NOT_EXIST -> value == null;
				case GREATER, LESS -> compare(value);
			};
		}

		private boolean compare(@Nullable String value) {
			if (value == null) {
				return false;
			}
			try {
				long actual = Long.parseLong(value);
				long bound = Long.parseLong(this.values.iterator().next());
				return (this.op == Op.GREATER) ? actual > bound : actual < bound;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}

	}

}
