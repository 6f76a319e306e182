package io.github.informer.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs kubectl against a kubeconfig (the fake API server's), for the sample's tests; they run only where kubectl is
 * on {@code PATH} ({@link io.github.informer.test.EnabledIfKubectl}).
 */
public final class Kubectl {

	private Kubectl() {
	}

	/**
	 * Run kubectl, asserting that it succeeds within a minute.
	 * @param kubeconfig the kubeconfig file
	 * @param args the arguments after {@code --kubeconfig}
	 * @return its output (standard output and error)
	 * @throws Exception if it cannot be run
	 */
	public static String run(Path kubeconfig, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out;
	}

}
