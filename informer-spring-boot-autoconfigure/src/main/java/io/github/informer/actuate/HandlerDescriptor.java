package io.github.informer.actuate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.informer.annotation.EventType;
import io.github.informer.handler.RegisteredHandler;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @InformerHandler} method in the {@code informers} endpoint.
 *
 * @param id the handler id
 * @param method the method's generic signature
 * @param events the event types it receives
 * @param resync its effective resync period ({@code PT0S}: never)
 * @param queued events waiting for it
 * @param delivered calls that returned normally
 * @param failed calls that threw
 * @param skipped events not passed to it because of its {@code events} or {@code condition}
 * @param resyncs resync rounds completed
 * @param lastError the last failure (exception class and message), {@code null} if none
 * @param lastErrorAt when it happened
 * @param lastEventAt when the handler last finished an event
 * @param lag how long the oldest unfinished event has been waiting ({@code PT0S} when idle)
 * @param leaderOnly whether it only runs while this replica leads ({@code @InformerHandler(leaderOnly = true)} with
 * leader election on)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HandlerDescriptor(String id, String method, List<EventType> events, String resync, long queued,
		long delivered, long failed, long skipped, long resyncs, @Nullable String lastError,
		@Nullable String lastErrorAt, @Nullable String lastEventAt, String lag, boolean leaderOnly) {

	static HandlerDescriptor of(RegisteredHandler handler) {
		List<EventType> events = handler.events().stream().sorted().toList();
		return new HandlerDescriptor(handler.id(), handler.method(), events, handler.resync().toString(),
				handler.queued(), handler.delivered(), handler.failed(), handler.skipped(), handler.resyncs(),
				handler.lastError(), Descriptors.format(handler.lastErrorAt()),
				Descriptors.format(handler.lastEventAt()), handler.lag().toString(), handler.leaderOnly());
	}

}
