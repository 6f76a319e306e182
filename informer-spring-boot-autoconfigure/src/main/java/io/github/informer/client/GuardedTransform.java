package io.github.informer.client;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.TransformFunc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transform that cannot lose an event: when it throws an exception (or returns {@code null}) for an object, the
 * object is cached and delivered as it was before this transform, and the first failure is a warning naming the
 * transform, the informer and the object's key. An {@link Error} passes through to the list/watch loop, which records
 * it and retries with backoff: a {@code LinkageError} or {@code OutOfMemoryError} is no per-object problem.
 */
final class GuardedTransform {

	private static final Logger logger = LoggerFactory.getLogger(GuardedTransform.class);

	private final String informerName;

	private final String description;

	private final TransformFunc transform;

	private final FirstFailureLog failures = new FirstFailureLog(logger);

	GuardedTransform(String informerName, String description, TransformFunc transform) {
		this.informerName = informerName;
		this.description = description;
		this.transform = transform;
	}

	KubernetesObject apply(KubernetesObject object) {
		String failure;
		RuntimeException exception = null;
		try {
			KubernetesObject result = this.transform.transform(object);
			if (result != null) {
				return result;
			}
			failure = "returned null";
		}
		catch (RuntimeException ex) {
			exception = ex;
			failure = "failed: " + FirstFailureLog.describe(ex);
		}
		this.failures.failed("{} of informer '{}' {} on {}", "; such objects are cached and delivered untransformed "
				+ "(logged once per transform, then at debug level)",
				(exception != null) ? exception : new IllegalStateException(failure), this.description,
				this.informerName, failure, ObjectKeys.of(object));
		return object;
	}

}
