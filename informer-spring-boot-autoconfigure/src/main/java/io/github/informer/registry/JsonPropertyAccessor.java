package io.github.informer.registry;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;

/**
 * Lets SpEL navigate {@link DynamicKubernetesObject}s (custom resources without a model class) by their JSON field
 * names, so {@code spec.nodeName} works on a custom resource as it does on a {@code V1Pod}. Read-only.
 */
public final class JsonPropertyAccessor implements PropertyAccessor {

	@Override
	public Class<?>[] getSpecificTargetClasses() {
		return new Class<?>[] { DynamicKubernetesObject.class, JsonObject.class };
	}

	@Override
	public boolean canRead(EvaluationContext context, @Nullable Object target, String name) {
		return json(target) != null;
	}

	@Override
	public TypedValue read(EvaluationContext context, @Nullable Object target, String name) {
		JsonObject object = json(target);
		return new TypedValue((object != null) ? toJava(object.get(name)) : null);
	}

	@Override
	public boolean canWrite(EvaluationContext context, @Nullable Object target, String name) {
		return false;
	}

	@Override
	public void write(EvaluationContext context, @Nullable Object target, String name, @Nullable Object newValue) {
		throw new UnsupportedOperationException("Index expressions are read-only");
	}

	private static @Nullable JsonObject json(@Nullable Object target) {
		if (target instanceof DynamicKubernetesObject dynamic) {
			return dynamic.getRaw();
		}
		return (target instanceof JsonObject object) ? object : null;
	}

	/**
	 * Convert JSON to what SpEL compares and indexes naturally: strings, numbers, booleans, lists; objects stay
	 * {@link JsonObject}s for further navigation.
	 */
	static @Nullable Object toJava(@Nullable JsonElement element) {
		if (element == null || element.isJsonNull()) {
			return null;
		}
		if (element instanceof JsonPrimitive primitive) {
			if (primitive.isBoolean()) {
				return primitive.getAsBoolean();
			}
			if (primitive.isNumber()) {
				return primitive.getAsNumber();
			}
			return primitive.getAsString();
		}
		if (element instanceof JsonArray array) {
			List<@Nullable Object> values = new ArrayList<>(array.size());
			array.forEach((item) -> values.add(toJava(item)));
			return values;
		}
		return element;
	}

}
