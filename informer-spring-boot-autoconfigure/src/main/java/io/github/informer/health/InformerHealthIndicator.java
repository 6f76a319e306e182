package io.github.informer.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.informer.client.WatchError;
import io.github.informer.client.WatchState;
import io.github.informer.client.WatchStatus;
import io.github.informer.registry.ManagedInformer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one informer, for the readiness group: {@code OUT_OF_SERVICE} until its cache has synced,
 * {@code UP} once it has, and {@code DOWN} once any of its list/watch loops (one per namespace) has failed without
 * progress for longer than a threshold (a 403 shows the verb, resource, namespace and the API server's message), or at
 * once when a loop has stopped while failing. Failures include watches that connect and then yield nothing and errors
 * thrown by this application while caching (a transform's {@link Error}): a healthy namespace never hides a failing
 * one. A shorter failure after sync, such as a dropped watch or a brief API server restart, stays {@code UP} with the
 * failure as a detail while the cache recovers. Never meant for liveness: restarting the application does not fix a
 * missing RBAC rule or an API server outage.
 */
public class InformerHealthIndicator implements HealthIndicator {

	private final ManagedInformer<?> informer;

	private final Duration failureThreshold;

	private final Clock clock;

	/**
	 * Create an indicator.
	 * @param informer the informer
	 * @param failureThreshold how long lists or watches may fail in a row before the informer is DOWN
	 * @param clock the clock to measure failures with
	 */
	public InformerHealthIndicator(ManagedInformer<?> informer, Duration failureThreshold, Clock clock) {
		this.informer = informer;
		this.failureThreshold = failureThreshold;
		this.clock = clock;
	}

	@Override
	public Health health() {
		WatchStatus watch = this.informer.watchStatus();
		boolean synced = this.informer.hasSynced();
		Instant failingSince = watch.failingSince();
		Duration failingFor = (failingSince != null) ? Duration.between(failingSince, this.clock.instant()) : null;
		boolean stoppedFailing = watch.state() == WatchState.STOPPED && failingSince != null;
		Health.Builder builder;
		if (stoppedFailing || failingFor != null && failingFor.compareTo(this.failureThreshold) >= 0) {
			builder = Health.down();
		}
		else if (!synced) {
			builder = Health.outOfService();
		}
		else {
			builder = Health.up();
		}
		builder.withDetail("resource", this.informer.kind() + " " + this.informer.apiVersion());
		if (!this.informer.namespaces().isEmpty()) {
			builder.withDetail("namespaces", this.informer.namespaces());
		}
		builder.withDetail("synced", synced);
		if (watch.syncedAt() != null) {
			builder.withDetail("syncedAt", String.valueOf(watch.syncedAt()));
		}
		builder.withDetail("cacheSize", this.informer.cacheSize());
		builder.withDetail("watch", watchDetails(watch));
		if (failingSince != null && failingFor != null) {
			builder.withDetail("failingSince", failingSince.toString());
			builder.withDetail("failingFor", failingFor.toString());
			builder.withDetail("failureThreshold", this.failureThreshold.toString());
			List<String> failingNamespaces = failingNamespaces(this.informer.watchStatuses());
			if (!failingNamespaces.isEmpty()) {
				builder.withDetail("failingNamespaces", failingNamespaces);
			}
		}
		WatchError error = watch.lastError();
		if (error != null && (failingSince != null || !synced)) {
			builder.withDetail("error", errorDetails(error));
			builder.withDetail("reason", error.describe());
		}
		return builder.build();
	}

	private static List<String> failingNamespaces(List<WatchStatus> loops) {
		return loops.stream()
			.filter((loop) -> loop.namespace() != null && loop.failingSince() != null)
			.map(WatchStatus::namespace)
			.toList();
	}

	private static Map<String, Object> watchDetails(WatchStatus watch) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", watch.state().name());
		details.put("since", watch.since().toString());
		details.put("restarts", watch.restarts());
		putIfPresent(details, "lastEventAt", watch.lastEventAt());
		WatchError lastError = watch.lastError();
		if (lastError != null) {
			details.put("lastError", lastError.describe());
			details.put("lastErrorAt", lastError.at().toString());
		}
		return details;
	}

	private static Map<String, Object> errorDetails(WatchError error) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("verb", error.verb());
		details.put("resource", error.resource());
		putIfPresent(details, "namespace", error.namespace());
		details.put("code", error.code());
		details.put("reason", error.reason());
		details.put("message", error.message());
		details.put("at", error.at().toString());
		return details;
	}

	private static void putIfPresent(Map<String, Object> details, String key, @Nullable Object value) {
		if (value != null) {
			details.put(key, value.toString());
		}
	}

}
