package io.github.informer.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import io.github.informer.client.EventCounts;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.handler.RegisteredHandler;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MeterBinder} for every informer's cache, sync state, events, watch restarts and list durations, and every
 * {@code @InformerHandler}'s queue and lag. Meters read the informers' own counters when polled, so nothing is
 * recorded on the event path. Tags are bounded: {@code informer}, {@code type}, {@code handler}; never an object's
 * name.
 * <p>
 * Handlers are registered with their informers after all singletons exist, which may be after Spring Boot binds this
 * binder, so {@link #bindHandlers()} binds the handlers registered since, and is called again once the context has
 * been refreshed.
 */
public class InformerMeterBinder implements MeterBinder {

	static final String INFORMER = "informer";

	static final String HANDLER = "handler";

	private final Informers informers;

	private final @Nullable InformerHandlers handlers;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Set<String> boundHandlers = ConcurrentHashMap.newKeySet();

	/**
	 * Create a binder.
	 * @param informers the informers
	 * @param handlers the registered handlers, or {@code null} without handler support
	 */
	public InformerMeterBinder(Informers informers, @Nullable InformerHandlers handlers) {
		this.informers = informers;
		this.handlers = handlers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.informers.names()) {
			bindInformer(registry, this.informers.get(name));
		}
		this.registries.add(registry);
		bindHandlers();
	}

	/**
	 * Bind the meters of the handlers registered since the last call to every registry this binder is bound to.
	 */
	public synchronized void bindHandlers() {
		if (this.handlers == null) {
			return;
		}
		for (RegisteredHandler handler : this.handlers.handlers()) {
			for (MeterRegistry registry : this.registries) {
				if (this.boundHandlers.add(System.identityHashCode(registry) + "/" + handler.id())) {
					bindHandler(registry, handler);
				}
			}
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

	private static void bindHandler(MeterRegistry registry, RegisteredHandler handler) {
		Tags tags = Tags.of(INFORMER, handler.informer(), HANDLER, handler.id());
		Gauge.builder("informer.handler.queued", handler, RegisteredHandler::queued)
			.tags(tags)
			.baseUnit("events")
			.description("Events waiting for the handler")
			.register(registry);
		TimeGauge
			.builder("informer.handler.lag", handler, TimeUnit.NANOSECONDS,
					(registered) -> registered.lag().toNanos())
			.tags(tags)
			.description("How long the oldest event not yet handled has been waiting since the informer received it")
			.register(registry);
		InformerHandlerMetrics.register(registry, handler, InformerHandlerMetrics.SUCCESS);
		InformerHandlerMetrics.register(registry, handler, InformerHandlerMetrics.FAILURE);
	}

}
