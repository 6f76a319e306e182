package io.github.informer.selector;

/**
 * One term of a field selector, as apimachinery's {@code fields.Requirement}: the field exactly as written (no blanks
 * trimmed) and the value with its escapes removed.
 *
 * @param field the field, for example {@code metadata.name}
 * @param operator {@link Operator#EQUALS}, {@link Operator#DOUBLE_EQUALS} or {@link Operator#NOT_EQUALS}
 * @param value the unescaped value
 */
public record FieldRequirement(String field, Operator operator, String value) {

	/** Whether the field's value (empty when the object has no such value, as Go's {@code Fields.Get}) matches. */
	public boolean matches(String actual) {
		return actual.equals(this.value) != (this.operator == Operator.NOT_EQUALS);
	}

	/** The term with its value escaped again ({@code fields.EscapeValue}). */
	@Override
	public String toString() {
		String symbol = (this.operator == Operator.NOT_EQUALS) ? "!=" : "=";
		return this.field + symbol + FieldSelector.escape(this.value);
	}

}
