package io.github.informer.test;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client conditions enable a test where the client is found, and say what is missing and how to fix it where
 * not.
 */
class ExecutableConditionTests {

	@Test
	void aMissingClientDisablesTheTestNamingWhatIsMissingAndTheTest() {
		ConditionEvaluationResult result = new Missing().evaluate("KubectlTests");
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason())
			.hasValue("gizmoctl is not on PATH (install gizmoctl to run it): skipping KubectlTests");
	}

	@Test
	void kubectlIsEnabledExactlyWhenItIsOnThePath() {
		Optional<Path> kubectl = ExecutableCondition.onPath("kubectl");
		ConditionEvaluationResult result = new KubectlCondition().evaluate("KubectlTests");
		assertThat(result.isDisabled()).isEqualTo(kubectl.isEmpty());
		assertThat(result.getReason()).hasValue(kubectl.map((path) -> "kubectl found: " + path)
			.orElse("kubectl is not on PATH (install kubectl to run it): skipping KubectlTests"));
	}

	@Test
	void onlyExecutableFilesOnThePathAreFound() {
		assertThat(ExecutableCondition.onPath("no-such-client-" + System.nanoTime())).isEmpty();
	}

	private static final class Missing extends ExecutableCondition {

		Missing() {
			super("gizmoctl", "gizmoctl is not on PATH (install gizmoctl to run it)", Optional::empty);
		}

	}

}
