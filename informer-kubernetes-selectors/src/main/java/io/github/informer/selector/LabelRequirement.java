package io.github.informer.selector;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One requirement of a label selector, as apimachinery's {@code labels.Requirement}: the values are sorted and
 * distinct (a Go string set), empty for {@link Operator#EXISTS} and {@link Operator#DOES_NOT_EXIST}.
 *
 * @param key the label key
 * @param operator the operator
 * @param values the values
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {

	public LabelRequirement {
		values = List.copyOf(values);
	}

	/** {@code Requirement.Matches}: a missing key matches only {@code !=}, {@code notin} and {@code !}. */
	public boolean matches(Map<String, String> labels) {
		@Nullable String value = labels.get(this.key);
		return switch (this.operator) {
			case IN, EQUALS, DOUBLE_EQUALS -> value != null && this.values.contains(value);
			case NOT_IN, NOT_EQUALS -> value == null || !this.values.contains(value);
			case EXISTS -> value != null;
			case DOES_NOT_EXIST -> value == null;
			case GREATER_THAN, LESS_THAN -> compares(value);
		};
	}

	private boolean compares(@Nullable String value) {
		if (value == null || this.values.size() != 1) {
			return false;
		}
		@Nullable Long actual = Validation.parseInt64(value);
		@Nullable Long bound = Validation.parseInt64(this.values.get(0));
		if (actual == null || bound == null) {
			return false;
		}
		return (this.operator == Operator.GREATER_THAN) ? actual > bound : actual < bound;
	}

	/** {@code Requirement.String}: {@code !key}, {@code key}, {@code key=v}, {@code key in (a,b)}, {@code key>1}. */
	@Override
	public String toString() {
		String joined = String.join(",", this.values);
		return switch (this.operator) {
			case DOES_NOT_EXIST -> "!" + this.key;
			case EXISTS -> this.key;
			case EQUALS -> this.key + "=" + joined;
			case DOUBLE_EQUALS -> this.key + "==" + joined;
			case NOT_EQUALS -> this.key + "!=" + joined;
			case IN -> this.key + " in (" + joined + ")";
			case NOT_IN -> this.key + " notin (" + joined + ")";
			case GREATER_THAN -> this.key + ">" + joined;
			case LESS_THAN -> this.key + "<" + joined;
		};
	}

}
