package io.github.informer.client;

import java.util.List;
import java.util.function.Function;

import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index function that never throws into client-java's {@code Cache}: the cache stores an object before it runs the
 * index functions, so a throwing function would leave the object cached but counted nowhere, never delivered, and
 * (on delete) still cached. An object the function fails on is cached and delivered without an entry in that index;
 * the first failure per index is a warning naming the index, its description, the informer and the object's key
 * (never its contents). Only a {@link VirtualMachineError} (out of memory) passes through.
 *
 * @param <T> the object type
 */
final class GuardedIndexFunction<T extends KubernetesObject> implements Function<T, List<String>> {

	private static final Logger logger = LoggerFactory.getLogger(GuardedIndexFunction.class);

	private final String informerName;

	private final String indexName;

	private final String description;

	private final Function<T, List<String>> function;

	private final FirstFailureLog failures = new FirstFailureLog(logger);

	GuardedIndexFunction(String informerName, String indexName, Function<T, List<String>> function) {
		this.informerName = informerName;
		this.indexName = indexName;
		this.function = function;
		String declared = declaredDescription(function);
		this.description = (declared != null) ? " (" + declared + ")" : "";
	}

	/** A function's own {@code toString} (a SpEL index: its expression); none for lambdas and plain classes. */
	static @Nullable String declaredDescription(Object function) {
		Class<?> type = function.getClass();
		if (type.isSynthetic() || type.isHidden()) {
			return null;
		}
		try {
			return (type.getMethod("toString").getDeclaringClass() != Object.class) ? function.toString() : null;
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public List<String> apply(T object) {
		try {
			List<String> keys = this.function.apply(object);
			return (keys != null) ? keys : List.of();
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			this.failures.failed("Index '{}'{} could not be evaluated on {} (informer '{}'): {}",
					"; such objects are cached but not in this index (logged once per index, then at debug level)", ex,
					this.indexName, this.description, ObjectKeys.of(object), this.informerName,
					FirstFailureLog.describe(ex));
			return List.of();
		}
	}

}
