/**
 * List/watch plumbing the starter adds on top of client-java: selectors, paging, bookmarks, backoff, watch state, and
 * the informer that runs one list/watch per namespace behind one cache.
 */
@NullMarked
package io.github.informer.client;

import org.jspecify.annotations.NullMarked;
