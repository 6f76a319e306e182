package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query options of create, update and patch that change what the server does: {@code dryRun} (only
 * {@code All} is valid) and {@code fieldValidation} (accepted, not enforced), checked as
 * {@code ValidateCreateOptions} and its siblings check them.
 */
final class WriteOptions {

	private static final List<String> FIELD_VALIDATION = List.of("", "Ignore", "Strict", "Warn");

	private WriteOptions() {
	}

	/**
	 * Whether the request is a dry run; 422 ({@code CreateOptions.meta.k8s.io "" is invalid: ...}, with
	 * {@code optionsKind} naming the options) for a value kube-apiserver rejects.
	 */
	static boolean dryRun(Map<String, String> query, String optionsKind) {
		List<FieldError> errors = new ArrayList<>();
		List<String> dryRun = query.containsKey("dryRun") ? List.of(query.get("dryRun")) : List.of();
		checkDryRun(dryRun, errors);
		String fieldValidation = query.get("fieldValidation");
		if (fieldValidation != null && !FIELD_VALIDATION.contains(fieldValidation)) {
			errors.add(FieldError.notSupported("fieldValidation", FieldError.quote(fieldValidation), FIELD_VALIDATION));
		}
		if (!errors.isEmpty()) {
			throw ApiError.invalidOptions(optionsKind, errors);
		}
		return !dryRun.isEmpty();
	}

	/** {@code ValidateDryRun}: the value is rendered as Go prints a string slice. */
	static void checkDryRun(List<String> dryRun, List<FieldError> errors) {
		for (String value : dryRun) {
			if (!value.equals("All")) {
				List<String> quoted = new ArrayList<>();
				dryRun.forEach((each) -> quoted.add(FieldError.quote(each)));
				errors.add(FieldError.notSupported("dryRun", "[]string{" + String.join(", ", quoted) + "}",
						List.of("All")));
				return;
			}
		}
	}

}
