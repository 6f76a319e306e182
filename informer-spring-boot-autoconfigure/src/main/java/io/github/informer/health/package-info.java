/**
 * The {@code informers} health contributor, one component per informer, meant for the readiness group.
 */
@NullMarked
package io.github.informer.health;

import org.jspecify.annotations.NullMarked;
