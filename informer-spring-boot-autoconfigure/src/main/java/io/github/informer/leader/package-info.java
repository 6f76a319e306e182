/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease: the elector, the Spring events it publishes and the
 * status it exposes to the endpoint and metrics.
 */
@NullMarked
package io.github.informer.leader;

import org.jspecify.annotations.NullMarked;
