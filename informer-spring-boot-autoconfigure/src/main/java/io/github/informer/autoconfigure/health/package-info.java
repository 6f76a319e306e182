/**
 * Auto-configuration of the {@code informers} health contributor, active when Spring Boot's health support is on the
 * classpath.
 */
@NullMarked
package io.github.informer.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
