package io.github.informer.test;

import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests without Spring: injects a started {@link FakeKubernetesApiServer} into constructors,
 * lifecycle and test methods. By default one server per (outermost) test class, closed after it; after each test
 * its faults are cleared and, if the test stopped it, it listens again, so one test's faults never reach the next
 * (objects and recorded requests stay: they are the class's shared state).
 *
 * <pre class="code">
 * &#64;ExtendWith(FakeKubernetesApiServerExtension.class)
 * class MyTests {
 *     &#64;Test
 *     void something(FakeKubernetesApiServer server) { ... }
 * }
 * </pre>
 *
 * To configure the server, or to give every test method a fresh one, register an instance:
 * {@code @RegisterExtension static FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
 * FakeKubernetesApiServer.builder().bookmarkInterval(Duration.ofMillis(200))).perTest();}
 */
public class FakeKubernetesApiServerExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(FakeKubernetesApiServerExtension.class);

	private final Supplier<FakeKubernetesApiServer> factory;

	private final boolean perTest;

	/** Servers with the default settings (random port). */
	public FakeKubernetesApiServerExtension() {
		this(FakeKubernetesApiServer.builder());
	}

	/** Servers built by this builder. */
	public FakeKubernetesApiServerExtension(FakeKubernetesApiServer.Builder builder) {
		this(builder::build, false);
	}

	private FakeKubernetesApiServerExtension(Supplier<FakeKubernetesApiServer> factory, boolean perTest) {
		this.factory = factory;
		this.perTest = perTest;
	}

	/**
	 * An extension with the same settings that gives every test method a fresh server (shared by the test
	 * instance's constructor, its {@code @BeforeEach} and {@code @AfterEach} methods and the test), closed after
	 * the method: for tests that count requests or objects from zero.
	 */
	public FakeKubernetesApiServerExtension perTest() {
		return new FakeKubernetesApiServerExtension(this.factory, true);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == FakeKubernetesApiServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (!this.perTest) {
			return server(extensionContext, this.factory);
		}
		if (extensionContext.getTestMethod().isEmpty()) {
			throw new ParameterResolutionException("FakeKubernetesApiServerExtension.perTest() gives each test method"
					+ " its own server, so " + parameterContext.getDeclaringExecutable()
					+ " cannot have one: take it in the test's constructor (default lifecycle), @BeforeEach,"
					+ " @AfterEach or test methods, or use the extension without perTest() for one server per class");
		}
		return extensionContext.getStore(NAMESPACE)
			.computeIfAbsent(FakeKubernetesApiServer.class, (key) -> this.factory.get().start(),
					FakeKubernetesApiServer.class);
	}

	/** Test-method contexts for constructors too, so a per-test server can be a final field. */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			return;
		}
		Optional.ofNullable(classContext(context).getStore(NAMESPACE)
			.get(FakeKubernetesApiServer.class, FakeKubernetesApiServer.class)).ifPresent((server) -> {
				server.clearFaults();
				server.start();
			});
	}

	/** The server of the test class the context belongs to, started on first use. */
	public static FakeKubernetesApiServer server(ExtensionContext context) {
		return server(context, FakeKubernetesApiServer::new);
	}

	private static FakeKubernetesApiServer server(ExtensionContext context, Supplier<FakeKubernetesApiServer> factory) {
		return classContext(context).getStore(NAMESPACE)
			.computeIfAbsent(FakeKubernetesApiServer.class, (key) -> factory.get().start(),
					FakeKubernetesApiServer.class);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext;
	}

}
