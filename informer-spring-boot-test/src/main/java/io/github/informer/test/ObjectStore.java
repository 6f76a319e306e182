package io.github.informer.test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The objects, one global resourceVersion counter like etcd's, and a bounded history of changes. Writes run under a
 * write lock and are short; reads take references under a read lock and write bytes after releasing it. Snapshots
 * older than now (paged lists, exact-resourceVersion lists) are rebuilt by undoing the history's changes since.
 */
final class ObjectStore {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final Map<String, ConcurrentSkipListMap<String, StoredObject>> objects = new ConcurrentHashMap<>();

	private final ArrayDeque<StoreEvent> history = new ArrayDeque<>();

	private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

	/** Owner uid to the objects whose ownerReferences name it (storage key, object key): the garbage collector's graph. */
	private final Map<String, Set<Map.Entry<String, String>>> dependents = new ConcurrentHashMap<>();

	private final int historyLimit;

	private long resourceVersion = 1;

	/** The oldest resourceVersion the history can still replay from or rebuild. */
	private long oldestAvailable = 1;

	ObjectStore(int historyLimit) {
		this.historyLimit = historyLimit;
	}

	long resourceVersion() {
		this.lock.readLock().lock();
		try {
			return this.resourceVersion;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Runs changes atomically: resourceVersions, history and watch events in one order. */
	<R> R write(Function<Writer, R> work) {
		return write(false, work);
	}

	/** Runs changes atomically; a dry run computes every result but stores and announces nothing. */
	<R> R write(boolean dryRun, Function<Writer, R> work) {
		this.lock.writeLock().lock();
		try {
			return work.apply(new Writer(dryRun));
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Nullable StoredObject get(ResourceType type, @Nullable String namespace, String name) {
		return map(type).get(StoredObject.key(namespace, name));
	}

	/** One page of a list at a snapshot; {@code snapshot} 0 means the current state. */
	ListPage list(ResourceType type, @Nullable String namespace, LabelSelector labels, FieldSelector fields,
			long snapshot, @Nullable String after, int limit) {
		this.lock.readLock().lock();
		try {
			long at = (snapshot == 0) ? this.resourceVersion : snapshot;
			NavigableMap<String, StoredObject> range = range(type, namespace, after);
			Iterator<StoredObject> objects = (at >= this.resourceVersion) ? range.values().iterator()
					: snapshotIterator(type, range, type.namespaced() ? namespace : null, after, at);
			List<StoredObject> items = new ArrayList<>();
			String lastKey = null;
			while (objects.hasNext()) {
				StoredObject object = objects.next();
				if (labels.matches(object.labels()) && (fields.matchesEverything() || fields.matches(object))) {
					if (limit > 0 && items.size() == limit) {
						return new ListPage(items, at, lastKey, remaining(labels, fields, objects));
					}
					items.add(object);
					lastKey = object.key();
				}
			}
			return new ListPage(items, at, null, null);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * What a paged list reports as {@code remainingItemCount}: the items after the page (the one already taken
	 * included), only when nothing filters them, as etcd3's store counts keys and cannot count matches.
	 */
	private static @Nullable Long remaining(LabelSelector labels, FieldSelector fields,
			Iterator<StoredObject> rest) {
		if (!labels.matchesEverything() || !fields.matchesEverything()) {
			return null;
		}
		long count = 1;
		while (rest.hasNext()) {
			rest.next();
			count++;
		}
		return count;
	}

	private NavigableMap<String, StoredObject> range(ResourceType type, @Nullable String namespace,
			@Nullable String after) {
		NavigableMap<String, StoredObject> range = map(type);
		if (namespace != null && type.namespaced()) {
			range = range.subMap(namespace + "/", true, namespace + "0", false);
		}
		return (after != null) ? range.tailMap(after, false) : range;
	}

	/** The range as it was at {@code at}: current objects, with every key changed since replaced by its old state. */
	private Iterator<StoredObject> snapshotIterator(ResourceType type, NavigableMap<String, StoredObject> range,
			@Nullable String namespace, @Nullable String after, long at) {
		if (at < this.oldestAvailable) {
			throw ApiError.expired("too old resource version: " + at + " (" + this.oldestAvailable + ")");
		}
		TreeMap<String, @Nullable StoredObject> before = new TreeMap<>();
		for (StoreEvent event : this.history) {
			StoredObject object = event.object();
			if (event.resourceVersion() > at && object.type().storageKey().equals(type.storageKey())
					&& inRange(namespace, after, object.key()) && !before.containsKey(object.key())) {
				before.put(object.key(), event.previous());
			}
		}
		List<StoredObject> merged = new ArrayList<>();
		Iterator<Map.Entry<String, @Nullable StoredObject>> old = before.entrySet().iterator();
		Map.Entry<String, @Nullable StoredObject> pending = old.hasNext() ? old.next() : null;
		for (StoredObject current : range.values()) {
			while (pending != null && pending.getKey().compareTo(current.key()) < 0) {
				addIfPresent(merged, pending.getValue());
				pending = old.hasNext() ? old.next() : null;
			}
			if (pending != null && pending.getKey().equals(current.key())) {
				addIfPresent(merged, pending.getValue());
				pending = old.hasNext() ? old.next() : null;
			}
			else {
				merged.add(current);
			}
		}
		while (pending != null) {
			addIfPresent(merged, pending.getValue());
			pending = old.hasNext() ? old.next() : null;
		}
		return merged.iterator();
	}

	private static void addIfPresent(List<StoredObject> list, @Nullable StoredObject object) {
		if (object != null) {
			list.add(object);
		}
	}

	private static boolean inRange(@Nullable String namespace, @Nullable String after, String key) {
		return (namespace == null || key.startsWith(namespace + "/")) && (after == null || key.compareTo(after) > 0);
	}

	/**
	 * Registers a watch, with no gap or duplicate against concurrent writes. With {@code initialEvents} the current
	 * state is queued as ADDED events followed by an {@link Watcher.InitialEventsEnd} at its resourceVersion;
	 * otherwise the watch starts after {@code from}, replaying the history since, or (0) after the current
	 * resourceVersion. Returns the resourceVersion the watch starts after.
	 */
	long watch(Watcher watcher, @Nullable String namespace, long from, boolean initialEvents) {
		this.lock.readLock().lock();
		try {
			long after;
			if (initialEvents) {
				for (StoredObject object : range(watcher.type(), namespace, null).values()) {
					if (watcher.covers(object)) {
						watcher.offerInitial(object);
					}
				}
				after = this.resourceVersion;
				watcher.initialEventsEnd(after);
				watcher.startAfter(after);
			}
			else if (from == 0) {
				after = this.resourceVersion;
				watcher.startAfter(after);
			}
			else {
				if (from < this.oldestAvailable) {
					throw ApiError.expired("too old resource version: " + from + " (" + this.oldestAvailable + ")");
				}
				after = from;
				watcher.startAfter(after);
				for (StoreEvent event : this.history) {
					watcher.offer(event);
				}
			}
			this.watchers.add(watcher);
			return after;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	void unwatch(Watcher watcher) {
		this.watchers.remove(watcher);
	}

	void closeAllWatches() {
		this.lock.readLock().lock();
		try {
			for (Watcher watcher : this.watchers) {
				this.watchers.remove(watcher);
				watcher.close();
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Sends every bookmark-enabled watch a BOOKMARK at the current resourceVersion. */
	/** Sends every open watch an ERROR event with this {@code Status} and ends it. */
	void sendWatchError(byte[] status) {
		this.lock.readLock().lock();
		try {
			for (Watcher watcher : this.watchers) {
				this.watchers.remove(watcher);
				watcher.error(status);
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	void sendBookmarks() {
		this.lock.readLock().lock();
		try {
			for (Watcher watcher : this.watchers) {
				watcher.bookmark(this.resourceVersion);
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Forgets the history: every resourceVersion before the current one becomes too old (410 Expired). */
	void compact() {
		write((writer) -> {
			this.history.clear();
			this.oldestAvailable = this.resourceVersion;
			return null;
		});
	}

	Collection<StoredObject> all(ResourceType type, @Nullable String namespace) {
		return range(type, namespace, null).values();
	}

	private ConcurrentSkipListMap<String, StoredObject> map(ResourceType type) {
		return this.objects.computeIfAbsent(type.storageKey(), (key) -> new ConcurrentSkipListMap<>());
	}

	/** Changes inside one {@link #write} call. */
	final class Writer {

		private final boolean dryRun;

		private Writer(boolean dryRun) {
			this.dryRun = dryRun;
		}

		@Nullable StoredObject get(ResourceType type, @Nullable String namespace, String name) {
			return map(type).get(StoredObject.key(namespace, name));
		}

		/** The objects whose ownerReferences name the uid. */
		List<StoredObject> dependents(String ownerUid) {
			List<StoredObject> found = new ArrayList<>();
			for (Map.Entry<String, String> ref : ObjectStore.this.dependents.getOrDefault(ownerUid, Set.of())) {
				Map<String, StoredObject> objects = ObjectStore.this.objects.get(ref.getKey());
				StoredObject object = (objects != null) ? objects.get(ref.getValue()) : null;
				if (object != null) {
					found.add(object);
				}
			}
			return found;
		}

		private void index(@Nullable StoredObject previous, @Nullable StoredObject current) {
			if (previous != null) {
				for (String owner : previous.ownerUids()) {
					Set<Map.Entry<String, String>> refs = ObjectStore.this.dependents.get(owner);
					if (refs != null) {
						refs.remove(Map.entry(previous.type().storageKey(), previous.key()));
						if (refs.isEmpty()) {
							ObjectStore.this.dependents.remove(owner);
						}
					}
				}
			}
			if (current != null) {
				for (String owner : current.ownerUids()) {
					ObjectStore.this.dependents.computeIfAbsent(owner, (key) -> ConcurrentHashMap.newKeySet())
						.add(Map.entry(current.type().storageKey(), current.key()));
				}
			}
		}

		Collection<StoredObject> all(ResourceType type, @Nullable String namespace) {
			return ObjectStore.this.all(type, namespace);
		}

		/** Stores a new version of the object under the next resourceVersion. */
		StoredObject put(ResourceType type, JsonObject object) {
			if (this.dryRun) {
				// kube-apiserver answers a dry-run update with the live resourceVersion and a dry-run create with none
				StoredObject live = map(type).get(StoredObject.key(type.namespaced()
						? Json.string(Json.metadata(object), "namespace") : null, Json.string(Json.metadata(object), "name")));
				if (live != null) {
					Json.metadata(object).addProperty("resourceVersion", Long.toString(live.resourceVersion()));
					return StoredObject.of(type, object, live.resourceVersion());
				}
				Json.metadata(object).remove("resourceVersion");
				return StoredObject.of(type, object, 0);
			}
			long version = ObjectStore.this.resourceVersion + 1;
			Json.metadata(object).addProperty("resourceVersion", Long.toString(version));
			StoredObject stored = StoredObject.of(type, object, version);
			StoredObject previous = map(type).put(stored.key(), stored);
			index(previous, stored);
			ObjectStore.this.resourceVersion = version;
			record(new StoreEvent((previous != null) ? StoreEvent.Type.MODIFIED : StoreEvent.Type.ADDED, stored,
					previous, version));
			return stored;
		}

		/**
		 * Stores new versions of many objects under consecutive resourceVersions, writing their JSON in parallel:
		 * the bulk path of seeding.
		 */
		void putAll(List<ApiOperations.TypedObject> objects) {
			long base = ObjectStore.this.resourceVersion;
			for (int i = 0; i < objects.size(); i++) {
				Json.metadata(objects.get(i).object()).addProperty("resourceVersion", Long.toString(base + i + 1));
			}
			StoredObject[] stored = IntStream.range(0, objects.size())
				.parallel()
				.mapToObj((i) -> StoredObject.of(objects.get(i).type(), objects.get(i).object(), base + i + 1))
				.toArray(StoredObject[]::new);
			for (StoredObject object : stored) {
				StoredObject previous = map(object.type()).put(object.key(), object);
				index(previous, object);
				ObjectStore.this.resourceVersion = object.resourceVersion();
				record(new StoreEvent((previous != null) ? StoreEvent.Type.MODIFIED : StoreEvent.Type.ADDED, object,
						previous, object.resourceVersion()));
			}
		}

		/** Removes the object; the DELETED event carries its last state under the next resourceVersion. */
		StoredObject remove(StoredObject current) {
			if (this.dryRun) {
				return current;
			}
			long version = ObjectStore.this.resourceVersion + 1;
			JsonObject object = current.parse();
			Json.metadata(object).addProperty("resourceVersion", Long.toString(version));
			StoredObject gone = StoredObject.of(current.type(), object, version);
			map(current.type()).remove(current.key());
			index(current, null);
			ObjectStore.this.resourceVersion = version;
			record(new StoreEvent(StoreEvent.Type.DELETED, gone, current, version));
			return gone;
		}

		private void record(StoreEvent event) {
			ArrayDeque<StoreEvent> history = ObjectStore.this.history;
			history.addLast(event);
			while (history.size() > ObjectStore.this.historyLimit) {
				ObjectStore.this.oldestAvailable = history.removeFirst().resourceVersion();
			}
			for (Watcher watcher : ObjectStore.this.watchers) {
				watcher.offer(event);
			}
		}

	}

	/**
	 * A page of a list: its items, the snapshot's resourceVersion, the key to continue after (null at the end), and
	 * how many items follow (null when unknown: at the end, or with selectors).
	 */
	record ListPage(List<StoredObject> items, long resourceVersion, @Nullable String continueAfter,
			@Nullable Long remainingItemCount) {
	}

}
