package io.github.informer.client;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validates label and field selectors before they reach the API server, so a typo fails at startup with the offending
 * part named instead of as a 400 on every list attempt.
 */
public final class Selectors {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

	private static final Pattern DNS_SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private static final Pattern SET_REQUIREMENT = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\((.*)\\)");

	private static final Pattern FIELD_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/\\-]*");

	private static final String LABEL_SYNTAX = "use comma-separated requirements such as 'app=web', 'tier!=cache', "
			+ "'env in (prod,staging)', 'release notin (canary)', 'app', '!legacy'";

	private static final String FIELD_SYNTAX = "use comma-separated 'field=value', 'field==value' or 'field!=value', "
			+ "for example 'spec.nodeName=node-1,status.phase!=Succeeded'";

	private Selectors() {
	}

	/**
	 * Check a label selector against the Kubernetes label selector syntax.
	 * @param selector the selector
	 * @throws IllegalArgumentException naming the invalid requirement and the expected syntax
	 */
	public static void validateLabelSelector(String selector) {
		if (selector.isBlank()) {
			throw new IllegalArgumentException("the label selector is blank; remove it or " + LABEL_SYNTAX);
		}
		for (String requirement : splitTopLevel(selector)) {
			String problem = labelRequirementProblem(requirement.trim());
			if (problem != null) {
				throw new IllegalArgumentException("'" + requirement.trim() + "' is not a valid label requirement ("
						+ problem + "); " + LABEL_SYNTAX);
			}
		}
	}

	/**
	 * Check a field selector: comma-separated equality or inequality requirements.
	 * @param selector the selector
	 * @throws IllegalArgumentException naming the invalid requirement and the expected syntax
	 */
	public static void validateFieldSelector(String selector) {
		if (selector.isBlank()) {
			throw new IllegalArgumentException("the field selector is blank; remove it or " + FIELD_SYNTAX);
		}
		for (String requirement : splitUnescaped(selector)) {
			String trimmed = requirement.trim();
			int operator = indexOfUnescaped(trimmed, '=');
			int notEqual = trimmed.indexOf("!=");
			String key;
			if (notEqual > 0 && (operator < 0 || notEqual < operator)) {
				key = trimmed.substring(0, notEqual);
			}
			else if (operator > 0) {
				key = trimmed.substring(0, operator);
			}
			else {
				throw new IllegalArgumentException(
						"'" + trimmed + "' is not a valid field requirement (no operator); " + FIELD_SYNTAX);
			}
			if (!FIELD_KEY.matcher(key.trim()).matches()) {
				throw new IllegalArgumentException(
						"'" + trimmed + "' is not a valid field requirement (bad field name '" + key.trim() + "'); "
								+ FIELD_SYNTAX);
			}
		}
	}

	private static @Nullable String labelRequirementProblem(String requirement) {
		if (requirement.isEmpty()) {
			return "empty requirement";
		}
		if (requirement.startsWith("!")) {
			return keyProblem(requirement.substring(1).trim());
		}
		Matcher set = SET_REQUIREMENT.matcher(requirement);
		if (set.matches()) {
			String keyProblem = keyProblem(set.group(1));
			if (keyProblem != null) {
				return keyProblem;
			}
			String values = set.group(3).trim();
			if (values.isEmpty()) {
				return "'" + set.group(2) + "' needs at least one value";
			}
			for (String value : values.split(",", -1)) {
				String valueProblem = valueProblem(value.trim());
				if (valueProblem != null) {
					return valueProblem;
				}
			}
			return null;
		}
		if (requirement.contains("(") || requirement.contains(")")) {
			return "parentheses are only allowed after 'in' or 'notin'";
		}
		for (String operator : new String[] { "!=", "==", "=", ">", "<" }) {
			int index = requirement.indexOf(operator);
			if (index >= 0) {
				String keyProblem = keyProblem(requirement.substring(0, index).trim());
				if (keyProblem != null) {
					return keyProblem;
				}
				String value = requirement.substring(index + operator.length()).trim();
				if (operator.equals(">") || operator.equals("<")) {
					return value.matches("-?[0-9]+") ? null : "'" + operator + "' needs an integer value";
				}
				return valueProblem(value);
			}
		}
		return keyProblem(requirement);
	}

	private static @Nullable String keyProblem(String key) {
		if (key.isEmpty()) {
			return "missing label key";
		}
		int slash = key.indexOf('/');
		String name = key;
		if (slash >= 0) {
			String prefix = key.substring(0, slash);
			name = key.substring(slash + 1);
			if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
				return "label key prefix '" + prefix + "' must be a DNS subdomain";
			}
		}
		if (!NAME.matcher(name).matches()) {
			return "label key '" + key + "' must be at most 63 characters of letters, digits, '-', '_' or '.', "
					+ "starting and ending with a letter or digit";
		}
		return null;
	}

	private static @Nullable String valueProblem(String value) {
		if (value.isEmpty() || NAME.matcher(value).matches()) {
			return null;
		}
		return "label value '" + value + "' must be at most 63 characters of letters, digits, '-', '_' or '.', "
				+ "starting and ending with a letter or digit";
	}

	private static List<String> splitTopLevel(String selector) {
		List<String> parts = new ArrayList<>();
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
				parts.add(selector.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(selector.substring(start));
		return parts;
	}

	private static List<String> splitUnescaped(String selector) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < selector.length(); i++) {
			char c = selector.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == ',') {
				parts.add(selector.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(selector.substring(start));
		return parts;
	}

	private static int indexOfUnescaped(String text, char wanted) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == wanted) {
				return i;
			}
		}
		return -1;
	}

}
