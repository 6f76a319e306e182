package io.github.informer.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import io.github.informer.client.EventCounts;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A {@link MeterBinder} for every informer's cache, sync state, events, watch restarts and list durations. Meters
 * read the informers' own counters when polled, so nothing is recorded on the event path. Tags are bounded:
 * {@code informer}, {@code type}; never an object's name. The handlers' meters are bound as each handler is
 * attached, by {@link InformerHandlerMetrics}.
 */
public class InformerMeterBinder implements MeterBinder {

	static final String INFORMER = "informer";

	static final String HANDLER = "handler";

	private final Informers informers;

	/**
	 * Create a binder.
	 * @param informers the informers
	 */
	public InformerMeterBinder(Informers informers) {
		this.informers = informers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.informers.names()) {
			bindInformer(registry, this.informers.get(name));
		}
	}

	private static void bindInformer(MeterRegistry registry, ManagedInformer<?> informer) {
		Tags tags = Tags.of(INFORMER, informer.name());
		Gauge.builder("informer.cache.size", informer, ManagedInformer::cacheSize)
			.tags(tags)
			.baseUnit("objects")
			.description("Objects in the informer's cache")
			.register(registry);
		Gauge.builder("informer.synced", informer, (managed) -> managed.hasSynced() ? 1 : 0)
			.tags(tags)
			.description("Whether the informer's cache has synced (1) or not yet (0)")
			.register(registry);
		eventCounter(registry, informer, tags, "added", EventCounts::added);
		eventCounter(registry, informer, tags, "updated", EventCounts::updated);
		eventCounter(registry, informer, tags, "deleted", EventCounts::deleted);
		FunctionCounter.builder("informer.watch.restarts", informer, (managed) -> managed.watchStatus().restarts())
			.tags(tags)
			.description("Lists and watches started again after the first list (watch ends, errors, relists)")
			.register(registry);
		FunctionTimer
			.builder("informer.list.duration", informer, (managed) -> managed.watchStatus().lists(),
					(managed) -> managed.watchStatus().listTime().toNanos(), TimeUnit.NANOSECONDS)
			.tags(tags)
			.description("Complete lists (initial list and relists) of the informer's resource")
			.register(registry);
		FunctionCounter
			.builder("informer.list.fallbacks", informer, (managed) -> managed.watchStatus().listFallbacks())
			.tags(tags)
			.description("Watch-list attempts that fell back to the paged list (list-strategy auto)")
			.register(registry);
	}

	private static void eventCounter(MeterRegistry registry, ManagedInformer<?> informer, Tags tags, String type,
			ToLongFunction<EventCounts> count) {
		FunctionCounter.builder("informer.events", informer, (managed) -> count.applyAsLong(managed.eventCounts()))
			.tags(tags.and("type", type))
			.description("Changes applied to the informer's cache, by type")
			.register(registry);
	}

}
