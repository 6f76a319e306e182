/**
 * Annotations users put on handler methods, and the utilities that read them.
 */
@NullMarked
package io.github.informer.annotation;

import org.jspecify.annotations.NullMarked;
