package io.github.informer.test;

import java.util.function.Supplier;

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
 *
 * To configure the server, register an instance:
 * {@code @RegisterExtension static FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
 * FakeKubernetesApiServer.builder().bookmarkInterval(Duration.ofMillis(200)));}
 */
public class FakeKubernetesApiServerExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(FakeKubernetesApiServerExtension.class);

	private final Supplier<FakeKubernetesApiServer> factory;

	/** Servers with the default settings (random port). */
	public FakeKubernetesApiServerExtension() {
		this(FakeKubernetesApiServer.builder());
	}

	/** Servers built by this builder. */
	public FakeKubernetesApiServerExtension(FakeKubernetesApiServer.Builder builder) {
		this.factory = builder::build;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == FakeKubernetesApiServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext, this.factory);
	}

	/** The server of the test class the context belongs to, started on first use. */
	public static FakeKubernetesApiServer server(ExtensionContext context) {
		return server(context, FakeKubernetesApiServer::new);
	}

	private static FakeKubernetesApiServer server(ExtensionContext context, Supplier<FakeKubernetesApiServer> factory) {
		ExtensionContext classContext = context;
		while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(FakeKubernetesApiServer.class, (key) -> factory.get().start(),
					FakeKubernetesApiServer.class);
	}

}
