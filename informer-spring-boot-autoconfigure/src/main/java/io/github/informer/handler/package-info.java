/**
 * The handler machinery: the processor that finds {@code @InformerHandler} methods and binds them to informers (as
 * Spring's {@code context.event} holds {@code EventListenerMethodProcessor}), one adapter per method, resync, error
 * handling and per-handler statistics. Depends on the {@code annotation} package, never the other way round.
 */
@NullMarked
package io.github.informer.handler;

import org.jspecify.annotations.NullMarked;
