package io.github.informer.client;

import io.github.informer.selector.FieldRequirement;
import io.github.informer.selector.FieldSelector;
import io.github.informer.selector.LabelSelector;
import io.github.informer.selector.SelectorSyntaxException;

/**
 * Validates label and field selectors before they reach the API server, so a typo fails at startup with
 * kube-apiserver's own complaint instead of as a 400 on every list attempt. The syntax check is kube-apiserver's
 * parser (informer-kubernetes-selectors), so the starter accepts exactly what a cluster accepts.
 */
public final class Selectors {

	private static final String LABEL_SYNTAX = "use comma-separated requirements such as 'app=web', 'tier!=cache', "
			+ "'env in (prod,staging)', 'release notin (canary)', 'app', '!legacy'";

	private static final String FIELD_SYNTAX = "use comma-separated 'field=value', 'field==value' or 'field!=value', "
			+ "for example 'spec.nodeName=node-1,status.phase!=Succeeded'";

	private Selectors() {
	}

	/**
	 * Check a label selector as kube-apiserver parses it.
	 * @param selector the selector
	 * @throws IllegalArgumentException with kube-apiserver's message and the expected syntax
	 */
	public static void validateLabelSelector(String selector) {
		if (selector.isBlank()) {
			throw new IllegalArgumentException("the label selector is blank; remove it or " + LABEL_SYNTAX);
		}
		try {
			LabelSelector.parse(selector);
		}
		catch (SelectorSyntaxException ex) {
			throw invalid("label", selector, ex.getMessage(), LABEL_SYNTAX);
		}
	}

	/**
	 * Check a field selector as kube-apiserver parses it. A field that is empty or holds blanks is rejected too:
	 * kube-apiserver parses it but no kind can select it, so every list would fail with 400.
	 * @param selector the selector
	 * @throws IllegalArgumentException with kube-apiserver's message and the expected syntax
	 */
	public static void validateFieldSelector(String selector) {
		if (selector.isBlank()) {
			throw new IllegalArgumentException("the field selector is blank; remove it or " + FIELD_SYNTAX);
		}
		FieldSelector parsed;
		try {
			parsed = FieldSelector.parse(selector);
		}
		catch (SelectorSyntaxException ex) {
			throw invalid("field", selector, ex.getMessage(), FIELD_SYNTAX);
		}
		for (FieldRequirement requirement : parsed.requirements()) {
			String field = requirement.field();
			if (field.isEmpty() || field.chars().anyMatch(Character::isWhitespace)) {
				throw invalid("field", selector, "'" + requirement + "' has no field name a kind can select",
						FIELD_SYNTAX);
			}
		}
	}

	/** {@code problem; syntax}: kube-apiserver's message quoted unchanged, the syntax after the last {@code "; "}. */
	private static IllegalArgumentException invalid(String kind, String selector, String problem, String syntax) {
		return new IllegalArgumentException(
				"'" + selector.trim() + "' is not a valid " + kind + " selector (" + problem + "); " + syntax);
	}

}
