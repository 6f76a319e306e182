package io.github.informer.registry;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import com.google.gson.JsonElement;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.DataBindingPropertyAccessor;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A cache index function from {@code kubernetes.informers.resources.<name>.indexes.<index>}: a SpEL expression
 * evaluated on each object, whose value (a single value or a collection) gives the object's index keys. Evaluated with
 * a read-only data-binding context: properties, map keys and list elements, no method calls, no type references. An
 * object on which the expression cannot be evaluated (a {@code null} on the way) is cached but not indexed: the
 * informer guards every index function, and warns once per index with the object's key (never its contents).
 *
 * @param <T> the object type
 */
public final class SpelIndexFunction<T extends KubernetesObject> implements Function<T, List<String>> {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final EvaluationContext CONTEXT = SimpleEvaluationContext
		.forPropertyAccessors(new JsonPropertyAccessor(), new MapAccessor(false),
				DataBindingPropertyAccessor.forReadOnlyAccess())
		.build();

	private final String expressionString;

	private final Expression expression;

	/**
	 * Parse an index expression.
	 * @param expression the SpEL expression
	 * @throws org.springframework.expression.ParseException if the expression does not parse
	 */
	public SpelIndexFunction(String expression) {
		this.expressionString = expression;
		this.expression = PARSER.parseExpression(expression);
	}

	/**
	 * Evaluate the expression on one object.
	 * @throws org.springframework.expression.EvaluationException when it cannot be evaluated on this object (a
	 * {@code null} on the way); the informer then caches the object without an entry in this index and warns once
	 */
	@Override
	public List<String> apply(T object) {
		Object value = this.expression.getValue(CONTEXT, object);
		List<String> keys = new ArrayList<>();
		collect(value, keys);
		return keys;
	}

	private static void collect(@Nullable Object value, List<String> keys) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach((item) -> collect(item, keys));
		}
		else if (value.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				collect(Array.get(value, i), keys);
			}
		}
		else if (value instanceof JsonElement json) {
			Object converted = JsonPropertyAccessor.toJava(json);
			if (converted instanceof JsonElement) {
				keys.add(json.toString());
			}
			else {
				collect(converted, keys);
			}
		}
		else {
			keys.add(String.valueOf(value));
		}
	}

	/** The expression: what the informer's index failure warning shows next to the index name. */
	@Override
	public String toString() {
		return this.expressionString;
	}

}
