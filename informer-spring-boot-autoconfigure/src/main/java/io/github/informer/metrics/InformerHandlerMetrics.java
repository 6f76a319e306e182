package io.github.informer.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.handler.InformerEvent;
import io.github.informer.handler.RegisteredHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times every {@code @InformerHandler} call as {@code informer.handler.duration}, tagged {@code informer},
 * {@code handler} and {@code result} ({@code success} or {@code failure}), so that percentiles and failure rates are
 * available per handler. Runs on the handler's own thread.
 */
public class InformerHandlerMetrics implements HandlerInvocationListener {

	static final String SUCCESS = "success";

	static final String FAILURE = "failure";

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry where the timers are registered
	 */
	public InformerHandlerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void invoked(RegisteredHandler handler, InformerEvent<?> event, long nanos, @Nullable Throwable exception) {
		String result = (exception != null) ? FAILURE : SUCCESS;
		timer(handler, result).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(RegisteredHandler handler, String result) {
		return this.timers.computeIfAbsent(handler.id() + "/" + result,
				(key) -> register(this.registry, handler, result));
	}

	/**
	 * Register (or look up) the duration timer of a handler for one result.
	 * @param registry the registry
	 * @param handler the handler
	 * @param result {@code success} or {@code failure}
	 * @return the timer
	 */
	static Timer register(MeterRegistry registry, RegisteredHandler handler, String result) {
		return Timer.builder("informer.handler.duration")
			.tags(InformerMeterBinder.INFORMER, handler.informer(), InformerMeterBinder.HANDLER, handler.id(), "result",
					result)
			.description("Time spent in the handler method per event")
			.register(registry);
	}

}
