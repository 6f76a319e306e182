package io.github.informer.annotation;

/**
 * The kinds of change an informer reports to a handler.
 */
public enum EventType {

	/** An object appeared in the cache: the initial list, a create, or an object found by a relist. */
	ADDED,

	/** An object in the cache changed, or a resync re-delivered it unchanged. */
	UPDATED,

	/** An object left the cache. */
	DELETED

}
