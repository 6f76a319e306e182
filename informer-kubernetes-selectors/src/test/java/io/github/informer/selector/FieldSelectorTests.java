package io.github.informer.selector;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FieldSelector} against kube-apiserver's parser. The forms come from apimachinery's
 * k8s.io/apimachinery/pkg/fields/selector_test.go ({@code TestSelectorParse}, {@code TestSplitTerms},
 * {@code TestSplitTerm}, {@code TestEscapeValue}, {@code TestUnescapeValue}); the messages are those
 * {@code fields.ParseSelector} returns and kube-apiserver answers with.
 */
class FieldSelectorTests {

	@ParameterizedTest(name = "[{0}] is accepted as [{1}]")
	@CsvSource(delimiter = '#', ignoreLeadingAndTrailingWhitespace = false, quoteCharacter = '`', value = { "x=a,y=b,z=c#x=a,y=b,z=c",
			"x!=a,y=b#x!=a,y=b", "x=#x=", "x==a#x=a", "a=b,#a=b", ",a=b,,#a=b", "z=a,x=b#x=b,z=a",
			"metadata.name=a\\,b#metadata.name=a\\,b", "x=a\\=b#x=a\\=b", "x=a\\\\b#x=a\\\\b",
			"metadata.name = web#metadata.name = web", "spec.nodeName=#spec.nodeName=", "=node-1#=node-1" })
	void acceptsWhatKubeApiserverAccepts(String selector, String canonical) {
		assertThat(FieldSelector.parse(selector)).hasToString(canonical);
	}

	@Test
	void anEscapedCommaIsPartOfTheValue() {
		assertThat(FieldSelector.parse("metadata.name=a\\,b").requirements())
			.containsExactly(new FieldRequirement("metadata.name", Operator.EQUALS, "a,b"));
		assertThat(FieldSelector.parse("x=a\\=b,y=c\\\\").requirements()).containsExactly(
				new FieldRequirement("x", Operator.EQUALS, "a=b"), new FieldRequirement("y", Operator.EQUALS, "c\\"));
	}

	@Test
	void nothingIsTrimmed() {
		assertThat(FieldSelector.parse(" metadata.name = web ").requirements())
			.containsExactly(new FieldRequirement(" metadata.name ", Operator.EQUALS, " web "));
	}

	@Test
	void theFirstOperatorSplitsTheTerm() {
		assertThat(FieldSelector.parse("a!=b").requirements())
			.containsExactly(new FieldRequirement("a", Operator.NOT_EQUALS, "b"));
		assertThat(FieldSelector.parse("a==b").requirements())
			.containsExactly(new FieldRequirement("a", Operator.DOUBLE_EQUALS, "b"));
		assertThat(FieldSelector.parse("a=!b").requirements())
			.containsExactly(new FieldRequirement("a", Operator.EQUALS, "!b"));
	}

	@ParameterizedTest(name = "[{0}] is rejected")
	@CsvSource(delimiter = '#', ignoreLeadingAndTrailingWhitespace = false, quoteCharacter = '`', value = {
			"x=a||y=b#invalid field selector: unescaped character in value: 61",
			"x==a==b#invalid field selector: unescaped character in value: 61",
			"x=a,b#invalid selector: 'x=a,b'; can't understand 'b'",
			"x in (a)#invalid selector: 'x in (a)'; can't understand 'x in (a)'",
			"x in (a,b,c)#invalid selector: 'x in (a,b,c)'; can't understand 'b'", "x#invalid selector: 'x'; can't understand 'x'",
			"spec.nodeName#invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'",
			"` `#invalid selector: ' '; can't understand ' '", "x!==a#invalid field selector: unescaped character in value: 61",
			"x=a\\#invalid field selector: invalid escape sequence: \\",
			"x=a\\x#invalid field selector: invalid escape sequence: \\x",
			"x=a=b#invalid field selector: unescaped character in value: 61",
			// the terms are sorted before they are read: the first error is the first term in order
			"z,y=a\\q#invalid field selector: invalid escape sequence: \\q" })
	void rejectsWhatKubeApiserverRejectsWithItsMessage(String selector, String message) {
		assertThatExceptionOfType(SelectorSyntaxException.class).isThrownBy(() -> FieldSelector.parse(selector))
			.withMessage(message);
	}

	@Test
	void matchesLookedUpValuesWithMissingFieldsAsEmpty() {
		Map<String, String> fields = Map.of("metadata.name", "web", "spec.nodeName", "");
		assertThat(FieldSelector.parse("metadata.name=web").matches((field) -> fields.getOrDefault(field, "")))
			.isTrue();
		assertThat(FieldSelector.parse("metadata.name!=web").matches((field) -> fields.getOrDefault(field, "")))
			.isFalse();
		assertThat(FieldSelector.parse("spec.nodeName=,status.phase=").matches((field) -> fields.getOrDefault(field, "")))
			.isTrue();
		assertThat(FieldSelector.parse("").matches((field) -> "")).isTrue();
		assertThat(FieldSelector.parse("").isEmpty()).isTrue();
	}

	@Test
	void fieldsCanBeRenamedKeepingOperatorsAndValues() {
		FieldSelector renamed = FieldSelector.parse("name=a\\,b,namespace!=ns")
			.withFields((field) -> "metadata." + field);
		assertThat(renamed.requirements()).containsExactly(
				new FieldRequirement("metadata.name", Operator.EQUALS, "a,b"),
				new FieldRequirement("metadata.namespace", Operator.NOT_EQUALS, "ns"));
		assertThat(List.of(FieldSelector.escape("a\\b,c=d"))).containsExactly("a\\\\b\\,c\\=d");
	}

}
