package io.github.informer.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Selectors}: the Kubernetes label and field selector syntax.
 */
class SelectorsTests {

	@ParameterizedTest
	@ValueSource(strings = { "app=web", "app==web", "tier!=cache", "app=web,tier!=cache", "env in (prod, staging)",
			"env notin (canary)", "app", "!legacy", "example.com/team=payments", "app.kubernetes.io/name=web",
			"replicas>2", "version<10", "empty=", "a=b, c in (d,e), !f" })
	void acceptsValidLabelSelectors(String selector) {
		assertThatCode(() -> Selectors.validateLabelSelector(selector)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tier!", "=web", "app=web,", "env in prod", "env in ()", "app=we b", "-app=web",
			"Example.COM/team=x", "app=web)", "replicas>two", "a,,b", " " })
	void rejectsInvalidLabelSelectors(String selector) {
		assertThatIllegalArgumentException().isThrownBy(() -> Selectors.validateLabelSelector(selector));
	}

	@ParameterizedTest
	@ValueSource(strings = { "spec.nodeName=node-1", "metadata.name==web", "status.phase!=Succeeded",
			"spec.nodeName=", "metadata.namespace=web,status.phase!=Failed", "metadata.name=a\\,b" })
	void acceptsValidFieldSelectors(String selector) {
		assertThatCode(() -> Selectors.validateFieldSelector(selector)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "spec.nodeName", "=node-1", "spec.nodeName=a,", "spec node=1", " " })
	void rejectsInvalidFieldSelectors(String selector) {
		assertThatIllegalArgumentException().isThrownBy(() -> Selectors.validateFieldSelector(selector));
	}

}
