package io.github.informer.test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One open watch: the store feeds it matching events (in resourceVersion order, under the store's lock) and the
 * HTTP thread serving the watch drains it. Selector transitions are resolved on the HTTP thread to keep writes
 * short.
 */
final class Watcher {

	/** Queue entry asking the HTTP thread to end the watch. */
	static final Object CLOSE = new Object();

	private final ResourceType type;

	private final @Nullable String namespace;

	private final LabelSelector labels;

	private final FieldSelector fields;

	private final boolean bookmarks;

	private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

	/**
	 * Only changes after this resourceVersion are sent, as the watch cache's {@code cacheWatcher} does: a watch from a
	 * resourceVersion never sees that version or older ones, even one from a resourceVersion not reached yet.
	 */
	private volatile long after = Long.MAX_VALUE;

	Watcher(ResourceType type, @Nullable String namespace, LabelSelector labels, FieldSelector fields,
			boolean bookmarks) {
		this.type = type;
		this.namespace = namespace;
		this.labels = labels;
		this.fields = fields;
		this.bookmarks = bookmarks;
	}

	ResourceType type() {
		return this.type;
	}

	boolean allowsBookmarks() {
		return this.bookmarks;
	}

	boolean covers(StoredObject object) {
		return object.type().storageKey().equals(this.type.storageKey())
				&& (this.namespace == null || this.namespace.equals(object.namespace()));
	}

	void offer(StoreEvent event) {
		if (event.resourceVersion() > this.after && covers(event.object())) {
			this.queue.add(event);
		}
	}

	/** An event of the initial state (watch-list or a watch without resourceVersion), sent whatever its version. */
	void offerInitial(StoredObject object) {
		this.queue.add(new StoreEvent(StoreEvent.Type.ADDED, object, null, object.resourceVersion()));
	}

	/** Marks the end of the initial events: the state they showed is at {@code resourceVersion}. */
	void initialEventsEnd(long resourceVersion) {
		this.queue.add(new InitialEventsEnd(resourceVersion));
	}

	/** From now on only changes after {@code resourceVersion} are queued. */
	void startAfter(long resourceVersion) {
		this.after = resourceVersion;
	}

	void bookmark(long resourceVersion) {
		if (this.bookmarks && resourceVersion >= this.after) {
			this.queue.add(resourceVersion);
		}
	}

	void close() {
		this.queue.add(CLOSE);
	}

	/** Ask the HTTP thread to send an ERROR event with this {@code Status} and end the watch. */
	void error(byte[] status) {
		this.queue.add(new ErrorEvent(status));
	}

	/**
	 * The next entry: a {@link StoreEvent}, a bookmark's resourceVersion (Long), an {@link InitialEventsEnd}, an
	 * {@link ErrorEvent}, {@link #CLOSE}, or null.
	 */
	@Nullable Object poll(long timeoutMillis) throws InterruptedException {
		return this.queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	@Nullable Object pollNow() {
		return this.queue.poll();
	}

	/** The event type this watch reports for a change, or null when the change is invisible through its selectors. */
	StoreEvent.@Nullable Type visibleAs(StoreEvent event) {
		boolean now = selects(event.object());
		return switch (event.type()) {
			case ADDED -> now ? StoreEvent.Type.ADDED : null;
			case DELETED -> now ? StoreEvent.Type.DELETED : null;
			case MODIFIED -> {
				boolean before = event.previous() != null && selects(event.previous());
				if (now) {
					yield before ? StoreEvent.Type.MODIFIED : StoreEvent.Type.ADDED;
				}
				yield before ? StoreEvent.Type.DELETED : null;
			}
		};
	}

	private boolean selects(StoredObject object) {
		return this.labels.matches(object.labels()) && (this.fields.matchesEverything() || this.fields.matches(object));
	}

	/** Queue entry after the initial events: the state they showed was at this resourceVersion. */
	record InitialEventsEnd(long resourceVersion) {
	}

	/** Queue entry: an ERROR event to send before ending the watch. */
	record ErrorEvent(byte[] status) {
	}

}
