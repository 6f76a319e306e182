/**
 * Auto-configuration of informer metrics, active when Micrometer and a {@code MeterRegistry} are present.
 */
@NullMarked
package io.github.informer.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
