/**
 * Auto-configuration of the {@code informers} Actuator endpoint, active when Actuator is on the classpath.
 */
@NullMarked
package io.github.informer.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
