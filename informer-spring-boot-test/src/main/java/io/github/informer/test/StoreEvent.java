package io.github.informer.test;

import org.jspecify.annotations.Nullable;

/**
 * One change in the event history: the object after the change (for DELETED, the last state carrying the deletion's
 * resourceVersion) and the version before it, which lets the store rebuild older snapshots and watches report
 * selector transitions.
 */
record StoreEvent(Type type, StoredObject object, @Nullable StoredObject previous, long resourceVersion) {

	enum Type {

		ADDED, MODIFIED, DELETED

	}

}
