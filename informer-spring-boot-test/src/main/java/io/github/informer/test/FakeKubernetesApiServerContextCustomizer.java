package io.github.informer.test;

import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a server for one application context: a singleton bean, the URL property first among property sources,
 * and a disposable registered before any other bean so the server closes after everything using it has stopped.
 * Equal customizers let Spring's test context cache share a context (and its server) between test classes.
 */
record FakeKubernetesApiServerContextCustomizer(int port, String urlProperty) implements ContextCustomizer {

	static final String BEAN_NAME = "fakeKubernetesApiServer";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		FakeKubernetesApiServer server = FakeKubernetesApiServer.builder().port(this.port).build().start();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("fakeKubernetesApiServer", Map.of(this.urlProperty, server.url())));
		context.getBeanFactory().registerSingleton(BEAN_NAME, server);
		if (context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory) {
			beanFactory.registerDisposableBean(BEAN_NAME + ".closer", server::close);
		}
		else {
			context.addApplicationListener((event) -> {
				if (event instanceof org.springframework.context.event.ContextClosedEvent) {
					server.close();
				}
			});
		}
	}

}
