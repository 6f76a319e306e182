/**
 * Decoding of list pages and watch events into client-java's model classes: straight from the response stream
 * (no JSON tree), or through client-java's own adapters with unknown fields removed first.
 */
@NullMarked
package io.github.informer.decoder;

import org.jspecify.annotations.NullMarked;
