package io.github.informer.registry;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.google.gson.JsonElement;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Caches;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * object on which the expression cannot be evaluated (a {@code null} on the way) is cached but not indexed; the first
 * such failure of each index is logged as a warning with the object's key (never its contents).
 *
 * @param <T> the object type
 */
public final class SpelIndexFunction<T extends KubernetesObject> implements Function<T, List<String>> {

	private static final Logger logger = LoggerFactory.getLogger(SpelIndexFunction.class);

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final EvaluationContext CONTEXT = SimpleEvaluationContext
		.forPropertyAccessors(new JsonPropertyAccessor(), new MapAccessor(false),
				DataBindingPropertyAccessor.forReadOnlyAccess())
		.build();

	private final String indexName;

	private final String expressionString;

	private final Expression expression;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Parse an index expression.
	 * @param indexName the index name
	 * @param expression the SpEL expression
	 * @throws org.springframework.expression.ParseException if the expression does not parse
	 */
	public SpelIndexFunction(String indexName, String expression) {
		this.indexName = indexName;
		this.expressionString = expression;
		this.expression = PARSER.parseExpression(expression);
	}

	@Override
	public List<String> apply(T object) {
		Object value;
		try {
			value = this.expression.getValue(CONTEXT, object);
		}
		catch (RuntimeException ex) {
			// never let an index failure reach the list/watch loop: the object is cached, just not in this index
			String key = Caches.deletionHandlingMetaNamespaceKeyFunc(object);
			if (this.warned.compareAndSet(false, true)) {
				logger.warn("Index '{}' ({}) could not be evaluated on {}: {}; such objects are cached but not in this "
						+ "index (logged once per index, then at debug level)", this.indexName, this.expressionString,
						key, ex.getMessage());
			}
			else {
				logger.debug("Index '{}' ({}) could not be evaluated on {}: {}", this.indexName, this.expressionString,
						key, ex.getMessage());
			}
			return List.of();
		}
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

	@Override
	public String toString() {
		return this.indexName + ": " + this.expressionString;
	}

}
