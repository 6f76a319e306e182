/**
 * The {@code informers} Actuator endpoint: each informer's sync, watch, cache and handler state, never object
 * contents.
 */
@NullMarked
package io.github.informer.actuate;

import org.jspecify.annotations.NullMarked;
