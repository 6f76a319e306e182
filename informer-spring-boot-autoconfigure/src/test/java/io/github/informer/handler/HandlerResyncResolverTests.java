package io.github.informer.handler;

import java.lang.reflect.Method;
import java.time.Duration;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one decision of a handler's resync period: property &gt; annotation &gt; informer, and none for a handler that
 * receives no updates.
 */
class HandlerResyncResolverTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final MockEnvironment environment = new MockEnvironment();

	HandlerResyncResolverTests() {
		this.beanFactory.registerBeanDefinition("auditor", new RootBeanDefinition(Auditor.class));
	}

	@Test
	void theHandlerPropertyWinsOverTheAnnotationWhichWinsOverTheInformer() {
		assertThat(resolve("everything", Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
		assertThat(resolve("annotated", Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(30));
		this.environment.setProperty("kubernetes.informers.handlers.auditor.annotated.resync", "5s");
		assertThat(resolve("annotated", Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void aHandlerThatReceivesNoUpdatesHasNoResync() {
		this.environment.setProperty("kubernetes.informers.handlers.auditor.deletes.resync", "5s");
		assertThat(resolve("deletes", Duration.ofMinutes(10))).isZero();
	}

	@Test
	void aBadPropertyOfAHandlerWithoutUpdatesStillFailsStartup() {
		this.environment.setProperty("kubernetes.informers.handlers.auditor.deletes.resync", "-5s");
		assertThatExceptionOfType(InformerHandlerDefinitionException.class)
			.isThrownBy(() -> resolve("deletes", Duration.ZERO))
			.withMessageContaining("kubernetes.informers.handlers.auditor.deletes.resync");
	}

	private Duration resolve(String methodName, Duration informerResync) {
		Method method = ReflectionUtils.findMethod(Auditor.class, methodName, (Class<?>[]) null);
		InformerHandlerMethod handler = InformerHandlerMethod.of("auditor", Auditor.class, method, this.beanFactory,
				this.environment);
		return new HandlerResyncResolver(this.environment).resolve(handler, informerResync);
	}

	static class Auditor {

		@InformerHandler
		void everything(V1Pod pod) {
		}

		@InformerHandler(resync = "30s")
		void annotated(V1Pod pod) {
		}

		@InformerHandler(events = EventType.DELETED, resync = "1m")
		void deletes(V1Pod pod) {
		}

	}

}
