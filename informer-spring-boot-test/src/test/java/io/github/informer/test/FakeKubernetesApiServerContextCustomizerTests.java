package io.github.informer.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/** The context customizer's lifecycle: one server per context, closed with the context; none without the annotation. */
class FakeKubernetesApiServerContextCustomizerTests {

	private final FakeKubernetesApiServerContextCustomizerFactory factory =
			new FakeKubernetesApiServerContextCustomizerFactory();

	@Test
	void startsAServerPerContextAndClosesItWithTheContext() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(Annotated.class, List.of());
		assertThat(customizer).isNotNull();
		FakeKubernetesApiServer server;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer.customizeContext(context, null);
			context.refresh();
			server = context.getBean(FakeKubernetesApiServer.class);
			assertThat(server.isRunning()).isTrue();
			assertThat(context.getEnvironment().getProperty("custom.url")).isEqualTo(server.url());
		}
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void equalAnnotationsGiveEqualCustomizersSoContextsAreCached() {
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(AlsoAnnotated.class, List.of()));
	}

	@Test
	void classesWithoutTheAnnotationGetNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(String.class, List.of())).isNull();
	}

	@EnableFakeKubernetesApiServer(urlProperty = "custom.url")
	static class Annotated {

	}

	@EnableFakeKubernetesApiServer(urlProperty = "custom.url")
	static class AlsoAnnotated {

	}

}
