package io.github.informer.test;

/** The condition of {@link EnabledIfKubectl}. */
final class KubectlCondition extends ExecutableCondition {

	KubectlCondition() {
		super("kubectl", "kubectl is not on PATH (install kubectl to run it)", () -> onPath("kubectl"));
	}

}
