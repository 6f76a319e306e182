package io.github.informer.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.handler.HandlerRegistrationListener;
import io.github.informer.handler.InformerEvent;
import io.github.informer.handler.RegisteredHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of every {@code @InformerHandler}, tagged {@code informer} and {@code handler}: bound when the handler
 * registry attaches the handler (a {@link HandlerRegistrationListener}, as spring-kafka's
 * {@code MicrometerConsumerListener} binds each consumer), {@code informer.handler.queued} and
 * {@code informer.handler.lag} read the handler's worker when polled; {@code informer.handler.duration} (tag
 * {@code result}: {@code success} or {@code failure}) times every call on the handler's own thread (a
 * {@link HandlerInvocationListener}), so that percentiles and failure rates are available per handler.
 */
public class InformerHandlerMetrics implements HandlerInvocationListener, HandlerRegistrationListener {

	static final String SUCCESS = "success";

	static final String FAILURE = "failure";

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * Create the handler meters.
	 * @param registry where the meters are registered
	 */
	public InformerHandlerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void registered(RegisteredHandler handler) {
		Tags tags = Tags.of(InformerMeterBinder.INFORMER, handler.informer(), InformerMeterBinder.HANDLER, handler.id());
		Gauge.builder("informer.handler.queued", handler, RegisteredHandler::queued)
			.tags(tags)
			.baseUnit("events")
			.description("Events waiting for the handler")
			.register(this.registry);
		TimeGauge
			.builder("informer.handler.lag", handler, TimeUnit.NANOSECONDS,
					(registered) -> registered.lag().toNanos())
			.tags(tags)
			.description("How long the oldest event not yet handled has been waiting since the informer received it")
			.register(this.registry);
		timer(handler, SUCCESS);
		timer(handler, FAILURE);
	}

	@Override
	public void invoked(RegisteredHandler handler, InformerEvent<?> event, long nanos, @Nullable Throwable exception) {
		String result = (exception != null) ? FAILURE : SUCCESS;
		timer(handler, result).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(RegisteredHandler handler, String result) {
		return this.timers.computeIfAbsent(handler.id() + "/" + result, (key) -> Timer
			.builder("informer.handler.duration")
			.tags(InformerMeterBinder.INFORMER, handler.informer(), InformerMeterBinder.HANDLER, handler.id(), "result",
					result)
			.description("Time spent in the handler method per event")
			.register(this.registry));
	}

}
