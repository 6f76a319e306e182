package io.github.informer.controller;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of every controller, named after client-go's workqueue metrics and tagged {@code controller}
 * (never by object): {@code informer.controller.queue.depth}, {@code .queue.adds}, {@code .queue.duration} (time a
 * key waited), {@code .reconcile} (timer, tag {@code result} = success, error or requeue), {@code .retries},
 * {@code .dropped}, {@code .unfinished} (seconds of work in progress) and {@code .longest.running}.
 * <p>
 * Controllers are registered once every singleton exists, which may be after Spring Boot binds this binder, so
 * {@link #bindControllers()} binds those registered since and is called again once the context is refreshed.
 */
public final class ControllerMetrics implements MeterBinder {

	static final String TAG = "controller";

	private final Controllers controllers;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Set<String> bound = ConcurrentHashMap.newKeySet();

	private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

	/**
	 * Create the binder.
	 * @param controllers the controllers
	 */
	public ControllerMetrics(Controllers controllers) {
		this.controllers = controllers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		bindControllers();
	}

	/**
	 * Bind the meters of the controllers registered since the last call to every registry bound so far.
	 */
	public synchronized void bindControllers() {
		for (Controller<?> controller : this.controllers.all()) {
			for (MeterRegistry registry : this.registries) {
				if (this.bound.add(System.identityHashCode(registry) + "/" + controller.name())) {
					bind(registry, controller);
				}
			}
		}
	}

	private void bind(MeterRegistry registry, Controller<?> controller) {
		String name = controller.name();
		Tags tags = Tags.of(TAG, name);
		gauge(registry, "informer.controller.queue.depth", "Keys ready to be reconciled", tags, controller,
				(c) -> c.queue().len());
		FunctionCounter.builder("informer.controller.queue.adds", controller, (c) -> c.queue().snapshot().adds())
			.description("Keys added to the work queue")
			.tags(tags)
			.register(registry);
		FunctionCounter
			.builder("informer.controller.retries", controller, (c) -> c.queue().snapshot().retries())
			.description("Rate-limited re-adds of keys (failures and requeue())")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("informer.controller.dropped", controller, (c) -> c.status().dropped())
			.description("Keys dropped after a TerminalReconcileException or max-retries")
			.tags(tags)
			.register(registry);
		Gauge.builder("informer.controller.unfinished", controller,
				(c) -> c.queue().snapshot().unfinished().toNanos() / 1e9)
			.description("Seconds of reconcile work in progress, summed over running reconciles")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		TimeGauge
			.builder("informer.controller.longest.running", controller, TimeUnit.NANOSECONDS,
					(c) -> c.queue().snapshot().longestRunning().toNanos())
			.description("How long the longest-running reconcile has been running")
			.tags(tags)
			.register(registry);
		Recorder recorder = this.recorders.computeIfAbsent(name, (key) -> new Recorder());
		recorder.add(registry, tags);
		controller.observe(recorder);
	}

	private static void gauge(MeterRegistry registry, String name, String description, Tags tags,
			Controller<?> controller, ToDoubleFunction<Controller<?>> value) {
		Gauge.builder(name, controller, value).description(description).tags(tags).register(registry);
	}

	/**
	 * Records a controller's timers in every registry it is bound to.
	 */
	private static final class Recorder implements ControllerObserver {

		private final List<Timers> timers = new CopyOnWriteArrayList<>();

		void add(MeterRegistry registry, Tags tags) {
			this.timers.add(new Timers(
					Timer.builder("informer.controller.queue.duration")
						.description("How long keys waited in the work queue before a worker took them")
						.tags(tags)
						.register(registry),
					reconcile(registry, tags, "success"), reconcile(registry, tags, "error"),
					reconcile(registry, tags, "requeue")));
		}

		private static Timer reconcile(MeterRegistry registry, Tags tags, String result) {
			return Timer.builder("informer.controller.reconcile")
				.description("Reconcile calls by result")
				.tags(tags.and("result", result))
				.register(registry);
		}

		@Override
		public void waited(long nanos) {
			for (Timers timer : this.timers) {
				timer.queue().record(nanos, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void reconciled(String result, long nanos) {
			for (Timers timer : this.timers) {
				Timer reconcile = switch (result) {
					case "success" -> timer.success();
					case "error" -> timer.error();
					default -> timer.requeue();
				};
				reconcile.record(nanos, TimeUnit.NANOSECONDS);
			}
		}

	}

	private record Timers(Timer queue, Timer success, Timer error, Timer requeue) {
	}

}
