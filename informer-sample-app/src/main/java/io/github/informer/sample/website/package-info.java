/**
 * The Website controller: a {@code Website} custom resource reconciled into an owned ConfigMap (its content) and
 * Deployment (image, replicas), with a Ready condition written back through the status subresource.
 */
@NullMarked
package io.github.informer.sample.website;

import org.jspecify.annotations.NullMarked;
