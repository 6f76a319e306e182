package io.github.informer.test;

import java.nio.file.Path;
import java.util.Optional;

/** The condition of {@link EnabledIfKubectl}. */
final class KubectlCondition extends ExecutableCondition {

	@Override
	Optional<Path> find() {
		return onPath("kubectl");
	}

	@Override
	String client() {
		return "kubectl";
	}

	@Override
	String missing() {
		return "kubectl is not on PATH (install kubectl to run it)";
	}

}
