package io.github.informer.selector;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LabelSelector} against kube-apiserver's parser. The accepted and rejected forms are those of apimachinery's
 * k8s.io/apimachinery/pkg/labels/selector_test.go ({@code TestSelectorParse}, {@code TestSetSelectorParser},
 * {@code TestSelectorMatches}, {@code TestRequirementConstructor}), plus the forms our users write; the expected
 * messages are what {@code labels.Parse} returns, which kube-apiserver puts in its 400 Status unchanged.
 */
class LabelSelectorTests {

	private static final String NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
			+ "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
			+ "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

	private static final String LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric "
			+ "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
			+ "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

	@ParameterizedTest(name = "[{0}] is accepted as [{1}]")
	@CsvSource(delimiter = '#', ignoreLeadingAndTrailingWhitespace = false, quoteCharacter = '`', value = {
			// TestSelectorParse: good strings; the canonical form drops the blanks
			"x=a,y=b,z=c#x=a,y=b,z=c", "x!=a,y=b#x!=a,y=b", "x=#x=", "x= #x=", "x=,z= #x=,z=", "x= ,z= #x=,z=",
			"!x#!x", "x>1#x>1", "x>1,z<5#x>1,z<5",
			// TestSetSelectorParser: valid inputs
			"this-is-a-dns.domain.com/key-with-dash#this-is-a-dns.domain.com/key-with-dash",
			"this-is-another-dns.domain.com/key-with-dash in (so,what)#this-is-another-dns.domain.com/key-with-dash in (so,what)",
			"0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)#0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)",
			"foo  in\t (abc)#foo in (abc)", "x  notin\t\t\t(abc,def)#x notin (abc,def)",
			"x in (abc,def)#x in (abc,def)", "x in (abc,)#x in (,abc)", "x in ()#x in ()",
			"x notin (abc,,def),bar,z in (),w#bar,w,x notin (,abc,def),z in ()", "x,y in (a)#x,y in (a)",
			"x=a#x=a", "x<7#x<7", "x=a,y!=b#x=a,y!=b", "x=a,y!=b,z in (h,i,j)#x=a,y!=b,z in (h,i,j)",
			"x notin ( )#x notin ()", "x notin (, a)#x notin (,a)", "a #a",
			"a in (x,y,notin, z,in)#a in (in,notin,x,y,z)", "notin=in#notin=in",
			// the forms of issue 14 and of the starter's documentation
			"app in ()#app in ()", "a!=#a!=", "a in (x,y)#a in (x,y)", "a notin (x)#a notin (x)", "a>1#a>1",
			"a<1#a<1", "a==b#a==b", " app = web , tier != cache #app=web,tier!=cache", "in in (in)#in in (in)",
			"example.com/team=payments#example.com/team=payments", "a=b, c in (d,e), !f#a=b,c in (d,e),!f",
			"1234 in (bar)#1234 in (bar)" })
	void acceptsWhatKubeApiserverAccepts(String selector, String canonical) {
		assertThat(LabelSelector.parse(selector)).hasToString(canonical);
	}

	@ParameterizedTest(name = "[{0}] is rejected")
	@CsvSource(delimiter = '#', ignoreLeadingAndTrailingWhitespace = false, quoteCharacter = '`', value = {
			// TestSelectorParse: bad strings
			"x=a||y=b#unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + LABEL_VALUE,
			"x==a==b#found '==', expected: ',' or 'end of string'",
			"!x=a#found '=', expected: ',' or 'end of string'",
			"x<a#unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value "
					+ "must be an integer",
			// TestSetSelectorParser: invalid inputs
			"x,,y#found ',', expected: identifier after ','",
			",x,y#found ',', expected: !, identifier, or 'end of string'",
			"x nott in (y)#unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt",
			"a in (xyz),#found '', expected: identifier after ','",
			"a in (xyz)b notin ()#found 'b', expected: ',' or 'end of string'",
			"a in (xyz abc)#unable to parse requirement: found 'abc', expected: ',' or ')'",
			"a notin(#unable to parse requirement: found '', expected: ',', ')' or identifier",
			"a (#unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt",
			"(#found '(', expected: !, identifier, or 'end of string'",
			// the forms users get wrong
			"app=web,#found '', expected: identifier after ','", "!#unable to parse requirement: found '', expected: identifier",
			"tier!#unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt",
			"app=web)#found ')', expected: ',' or 'end of string'",
			"env in prod#unable to parse requirement: found 'prod' expected: '('",
			"=web#found '=', expected: !, identifier, or 'end of string'",
			"app=we b#found 'b', expected: ',' or 'end of string'",
			"app in (a b)#unable to parse requirement: found 'b', expected: ',' or ')'",
			"rank>x#unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value "
					+ "must be an integer",
			"x>-1#unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + LABEL_VALUE,
			"x>a-#unable to parse requirement: [values[0]: Invalid value: \"a-\": for 'Gt', 'Lt' operators, the value "
					+ "must be an integer, values[0][x]: Invalid value: \"a-\": " + LABEL_VALUE + "]",
			"x>\u0662#unable to parse requirement: [values[0]: Invalid value: \"\u0662\": for 'Gt', 'Lt' operators, "
					+ "the value must be an integer, values[0][x]: Invalid value: \"\u0662\": " + LABEL_VALUE + "]",
			"-app=web#unable to parse requirement: <nil>: Invalid value: \"-app\": " + NAME_PART,
			"Example.COM/team=x#unable to parse requirement: <nil>: Invalid value: \"Example.COM/team\": prefix part a "
					+ "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
					+ "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
					+ "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"/a#unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty",
			"a/#unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; " + NAME_PART,
			"a/b/c#unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of "
					+ "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
					+ "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
					+ "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
					+ "'example.com/MyName')" })
	void rejectsWhatKubeApiserverRejectsWithItsMessage(String selector, String message) {
		assertThatExceptionOfType(SelectorSyntaxException.class).isThrownBy(() -> LabelSelector.parse(selector))
			.withMessage(message);
	}

	@Test
	void aKeyLongerThanSixtyThreeCharactersIsRejected() {
		String key = "a".repeat(64);
		assertThatExceptionOfType(SelectorSyntaxException.class).isThrownBy(() -> LabelSelector.parse(key))
			.withMessage("unable to parse requirement: <nil>: Invalid value: \"" + key
					+ "\": name part must be no more than 63 characters");
		assertThat(LabelSelector.parse("a".repeat(63)).requirements()).hasSize(1);
	}

	@Test
	void lengthsAreCountedInBytesAsGoCountsThem() {
		String value = "\u00e9".repeat(32);
		assertThatExceptionOfType(SelectorSyntaxException.class).isThrownBy(() -> LabelSelector.parse("x=" + value))
			.withMessage("unable to parse requirement: values[0][x]: Invalid value: \"" + value
					+ "\": must be no more than 63 characters; " + LABEL_VALUE);
	}

	@Test
	void carriageReturnsNewlinesAndTabsAreBlanks() {
		// TestSetSelectorParser: "\rx", "x notin\n (abc)", "x  notin\t\t\t(abc,def)"
		assertThat(LabelSelector.parse("\rx")).hasToString("x");
		assertThat(LabelSelector.parse("x notin\n (abc)")).hasToString("x notin (abc)");
		assertThat(LabelSelector.parse("a=b,\r\n\tc")).hasToString("a=b,c");
	}

	@Test
	void blankSelectorsSelectEverything() {
		assertThat(LabelSelector.parse("").isEmpty()).isTrue();
		assertThat(LabelSelector.parse(" \t\n").isEmpty()).isTrue();
		assertThat(LabelSelector.parse("").matches(Map.of("x", "y"))).isTrue();
		assertThat(LabelSelector.everything().matches(Map.of())).isTrue();
	}

	@Test
	void requirementsAreSortedByKeyWithSortedDistinctValues() {
		assertThat(LabelSelector.parse("z in (b,a,b),!y,x>1").requirements()).containsExactly(
				new LabelRequirement("x", Operator.GREATER_THAN, java.util.List.of("1")),
				new LabelRequirement("y", Operator.DOES_NOT_EXIST, java.util.List.of()),
				new LabelRequirement("z", Operator.IN, java.util.List.of("a", "b")));
	}

	@ParameterizedTest(name = "[{0}] matches {1}: {2}")
	@CsvSource(delimiter = '#', quoteCharacter = '`', emptyValue = "", value = {
			// TestSelectorMatches and TestRequirementSelectorMatching
			"x=y#x:y#true", "x=y,z=w#x:y,z:w#true", "x!=y,z!=w#x:z,z:a#true", "notin=in#notin:in#true", "x#x:z#true",
			"!x#y:z#true", "x>1#x:2#true", "x<1#x:0#true", "x=z#``#false", "x=y#x:z#false", "x=y,z=w#x:w,z:w#false",
			"x!=y,z!=w#x:z,z:w#false", "x#y:z#false", "!x#x:z#false", "x>1#x:0#false", "x<1#x:2#false",
			"x in (foo),y notin (alpha)#x:foo,y:baz#true", "x in (foo),y in (alpha)#x:foo,y:baz#false",
			"x notin (),y#y:#true", "!x,y#y:#true", "x notin (),!y#y:#false", "x in ()#y:baz#false",
			"x in ()#x:#true", "z>1#z:2#true", "z>1#z:v2#false", "x!=y#``#true", "x notin (a)#``#true",
			// Go's strconv.ParseInt takes ASCII digits only
			"x>1#x:\u0662#false", "x<1#x:-5#true" })
	void matchesAsApimachineryDoes(String selector, String labels, boolean matches) {
		assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(matches);
	}

	private static Map<String, String> labels(String pairs) {
		Map<String, String> labels = new java.util.HashMap<>();
		if (pairs.isEmpty()) {
			return labels;
		}
		for (String pair : pairs.split(",")) {
			int colon = pair.indexOf(':');
			labels.put(pair.substring(0, colon), pair.substring(colon + 1));
		}
		return labels;
	}

}
