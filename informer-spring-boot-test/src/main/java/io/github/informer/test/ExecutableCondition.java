package io.github.informer.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables tests that drive an external client (kubectl, and in the kit's own tests the Python client and
 * client-node) only where it is installed, and names what is missing and how to install it when it is not: the one
 * implementation behind {@link EnabledIfKubectl} and the kit's other client conditions.
 */
abstract class ExecutableCondition implements ExecutionCondition {

	private final String client;

	private final String missing;

	private final Supplier<Optional<Path>> find;

	/**
	 * @param client what the client is, for the enabled reason
	 * @param missing what is missing and how to install it, for the skip reason
	 * @param find the client's executable, if it can run here
	 */
	ExecutableCondition(String client, String missing, Supplier<Optional<Path>> find) {
		this.client = client;
		this.missing = missing;
		this.find = find;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return evaluate(context.getDisplayName());
	}

	ConditionEvaluationResult evaluate(String test) {
		return this.find.get()
			.map((path) -> ConditionEvaluationResult.enabled(this.client + " found: " + path))
			.orElseGet(() -> ConditionEvaluationResult.disabled(this.missing + ": skipping " + test));
	}

	/** The executable of that name on {@code PATH}, if any. */
	static Optional<Path> onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String entry : path.split(File.pathSeparator)) {
			Path candidate = Path.of(entry, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
