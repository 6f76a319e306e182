package io.github.informer.client;

/**
 * How many changes an informer applied to its cache, by type, since it started.
 *
 * @param added objects added
 * @param updated objects updated
 * @param deleted objects deleted (including deletes found by a relist)
 */
public record EventCounts(long added, long updated, long deleted) {
}
