/**
 * The handler machinery: one adapter per {@code @InformerHandler} method, one queue and thread per handler, resync,
 * error handling and per-handler statistics.
 */
@NullMarked
package io.github.informer.handler;

import org.jspecify.annotations.NullMarked;
