package io.github.informer.benchmarks.run;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line arguments of the measured JVMs. */
public final class Arguments {

	private final Map<String, String> values = new HashMap<>();

	public Arguments(String[] args) {
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected '--name value' pairs but got '" + String.join(" ", args)
						+ "'");
			}
			this.values.put(args[i].substring(2), args[++i]);
		}
	}

	public String get(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing argument --" + name + " (given: " + this.values.keySet() + ")");
		}
		return value;
	}

	public String get(String name, String defaultValue) {
		return this.values.getOrDefault(name, defaultValue);
	}

	public int getInt(String name) {
		return Integer.parseInt(get(name));
	}

}
