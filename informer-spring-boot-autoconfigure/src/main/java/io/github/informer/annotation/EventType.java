package io.github.informer.annotation;

/**
 * The kinds of change an {@link InformerHandler} can receive.
 */
public enum EventType {

	/** An object appeared in the cache: initial list, or created afterwards. */
	ADDED,

	/** An object in the cache changed, or a resync re-delivered it. */
	UPDATED,

	/** An object left the cache: deleted, or missed while the watch was down. */
	DELETED

}
