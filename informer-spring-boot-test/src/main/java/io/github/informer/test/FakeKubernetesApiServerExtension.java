package io.github.informer.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests without Spring: injects a started {@link FakeKubernetesApiServer} into constructors,
 * lifecycle and test methods. One server per (outermost) test class, closed after it.
 *
 * <pre class="code">
 * &#64;ExtendWith(FakeKubernetesApiServerExtension.class)
 * class MyTests {
 *     &#64;Test
 *     void something(FakeKubernetesApiServer server) { ... }
 * }
 * </pre>
 */
public class FakeKubernetesApiServerExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(FakeKubernetesApiServerExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == FakeKubernetesApiServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	/** The server of the test class the context belongs to, started on first use. */
	public static FakeKubernetesApiServer server(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(FakeKubernetesApiServer.class, (key) -> new FakeKubernetesApiServer().start(),
					FakeKubernetesApiServer.class);
	}

}
