/**
 * Annotations users put on handler methods, and the one reader of a handler method's signature shared by informer
 * inference and handler binding. Depends on no other package of the starter.
 */
@NullMarked
package io.github.informer.annotation;

import org.jspecify.annotations.NullMarked;
