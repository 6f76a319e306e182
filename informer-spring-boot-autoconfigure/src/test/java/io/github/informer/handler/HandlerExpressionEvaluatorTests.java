package io.github.informer.handler;

import org.junit.jupiter.api.Test;

import org.springframework.expression.spel.SpelCompilerMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link HandlerExpressionEvaluator} evaluates conditions: compiled on the JVM, interpreted in a native image
 * (which cannot define the compiled classes at run time).
 */
class HandlerExpressionEvaluatorTests {

	@Test
	void conditionsAreCompiledOnTheJvmAndInterpretedInANativeImage() {
		assertThat(HandlerExpressionEvaluator.compilerMode(false)).isEqualTo(SpelCompilerMode.MIXED);
		assertThat(HandlerExpressionEvaluator.compilerMode(true)).isEqualTo(SpelCompilerMode.OFF);
	}

}
