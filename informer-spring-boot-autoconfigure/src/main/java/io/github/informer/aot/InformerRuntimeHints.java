package io.github.informer.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The hints every application using the starter needs, whatever it declares: the resources the starter reads.
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class InformerRuntimeHints implements RuntimeHintsRegistrar {

	/** The table of built-in kinds {@code io.github.informer.client.BuiltInKinds} loads. */
	static final String BUILT_IN_KINDS = "io/github/informer/client/built-in-kinds.txt";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(BUILT_IN_KINDS);
	}

}
