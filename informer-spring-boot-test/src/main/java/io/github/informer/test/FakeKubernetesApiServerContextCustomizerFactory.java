package io.github.informer.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: gives every test class annotated with
 * {@link EnableFakeKubernetesApiServer} a context customizer that starts the server.
 */
public class FakeKubernetesApiServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EnableFakeKubernetesApiServer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				EnableFakeKubernetesApiServer.class);
		return (annotation != null)
				? new FakeKubernetesApiServerContextCustomizer(annotation.port(), annotation.urlProperty()) : null;
	}

}
