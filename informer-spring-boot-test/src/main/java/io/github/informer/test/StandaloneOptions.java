package io.github.informer.test;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** The standalone server's command line: {@code --port 6443 --kubeconfig fake.kubeconfig [--seed objects.yaml]}. */
record StandaloneOptions(int port, Path kubeconfig, @Nullable Path seed) {

	static final String USAGE = "usage: java -cp ... io.github.informer.test.FakeKubernetesApiServer"
			+ " [--port 6443] [--kubeconfig fake.kubeconfig] [--seed objects.yaml]";

	static StandaloneOptions parse(String[] args) {
		int port = 6443;
		Path kubeconfig = Path.of("fake.kubeconfig");
		Path seed = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				throw new IllegalArgumentException(USAGE);
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value after " + arg + "; " + USAGE);
			}
			String value = args[++i];
			switch (arg) {
				case "--port" -> port = port(value);
				case "--kubeconfig" -> kubeconfig = Path.of(value);
				case "--seed" -> seed = Path.of(value);
				default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
			}
		}
		return new StandaloneOptions(port, kubeconfig, seed);
	}

	private static int port(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--port must be a number, got \"" + value + "\"; " + USAGE);
		}
	}

}
