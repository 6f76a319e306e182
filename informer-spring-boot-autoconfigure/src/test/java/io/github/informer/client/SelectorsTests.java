package io.github.informer.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Selectors}: the starter accepts what kube-apiserver accepts (its parser is the shared
 * informer-kubernetes-selectors, whose tests hold apimachinery's table) and names what is wrong and the syntax.
 */
class SelectorsTests {

	@ParameterizedTest
	@ValueSource(strings = { "app=web", "app==web", "tier!=cache", "app=web,tier!=cache", "env in (prod, staging)",
			"env notin (canary)", "app", "!legacy", "example.com/team=payments", "app.kubernetes.io/name=web",
			"replicas>2", "version<10", "empty=", "a=b, c in (d,e), !f", "env in ()", "tier!=" })
	void acceptsValidLabelSelectors(String selector) {
		assertThatCode(() -> Selectors.validateLabelSelector(selector)).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "[{0}] is rejected")
	@CsvSource(delimiter = '#', quoteCharacter = '`', value = {
			"tier!#unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt",
			"=web#found '=', expected: !, identifier, or 'end of string'",
			"app=web,#found '', expected: identifier after ','",
			"env in prod#unable to parse requirement: found 'prod' expected: '('",
			"app=we b#found 'b', expected: ',' or 'end of string'",
			"-app=web#unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist of",
			"Example.COM/team=x#unable to parse requirement: <nil>: Invalid value: \"Example.COM/team\": prefix part a "
					+ "lowercase RFC 1123 subdomain",
			"app=web)#found ')', expected: ',' or 'end of string'",
			"replicas>two#for 'Gt', 'Lt' operators, the value must be an integer",
			"a,,b#found ',', expected: identifier after ','" })
	void rejectsInvalidLabelSelectorsWithKubeApiserversMessageAndTheSyntax(String selector, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> Selectors.validateLabelSelector(selector))
			.withMessageStartingWith("'" + selector + "' is not a valid label selector (")
			.withMessageContaining(problem)
			.withMessageEndingWith("); use comma-separated requirements such as 'app=web', 'tier!=cache', "
					+ "'env in (prod,staging)', 'release notin (canary)', 'app', '!legacy'");
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "\t" })
	void rejectsBlankSelectors(String selector) {
		assertThatIllegalArgumentException().isThrownBy(() -> Selectors.validateLabelSelector(selector))
			.withMessageStartingWith("the label selector is blank; remove it or use");
		assertThatIllegalArgumentException().isThrownBy(() -> Selectors.validateFieldSelector(selector))
			.withMessageStartingWith("the field selector is blank; remove it or use");
	}

	@ParameterizedTest
	@ValueSource(strings = { "spec.nodeName=node-1", "metadata.name==web", "status.phase!=Succeeded",
			"spec.nodeName=", "metadata.namespace=web,status.phase!=Failed", "metadata.name=a\\,b",
			"spec.nodeName=a," })
	void acceptsValidFieldSelectors(String selector) {
		assertThatCode(() -> Selectors.validateFieldSelector(selector)).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "[{0}] is rejected")
	@CsvSource(delimiter = '#', quoteCharacter = '`', value = {
			"spec.nodeName#invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'",
			"metadata.name=a,b#invalid selector: 'metadata.name=a,b'; can't understand 'b'",
			"metadata.name=a\\x#invalid field selector: invalid escape sequence: \\x",
			"metadata.name=a=b#invalid field selector: unescaped character in value: 61",
			"=node-1#'=node-1' has no field name a kind can select",
			"spec node=1#'spec node=1' has no field name a kind can select" })
	void rejectsInvalidFieldSelectorsWithKubeApiserversMessageAndTheSyntax(String selector, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> Selectors.validateFieldSelector(selector))
			.withMessageStartingWith("'" + selector + "' is not a valid field selector (")
			.withMessageContaining(problem)
			.withMessageEndingWith("); use comma-separated 'field=value', 'field==value' or 'field!=value', "
					+ "for example 'spec.nodeName=node-1,status.phase!=Succeeded'");
	}

}
