/**
 * The registry that owns, starts, waits for and stops informers, and read-only views of their state.
 */
@NullMarked
package io.github.informer.registry;

import org.jspecify.annotations.NullMarked;
