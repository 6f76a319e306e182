/**
 * A small service built on the informer starter: logs pod phase changes and deployment availability from
 * {@code @InformerHandler} methods and answers REST queries from the informers' caches.
 */
@NullMarked
package io.github.informer.sample;

import org.jspecify.annotations.NullMarked;
