/**
 * Micrometer meters for informers and their handlers, tagged by informer (and handler), never by object.
 */
@NullMarked
package io.github.informer.metrics;

import org.jspecify.annotations.NullMarked;
