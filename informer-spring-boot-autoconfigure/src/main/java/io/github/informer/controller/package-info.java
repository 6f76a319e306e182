/**
 * Controllers: {@link io.github.informer.controller.KubernetesReconciler @KubernetesReconciler} beans fed by a
 * de-duplicating, rate-limited work queue with client-go's {@code workqueue} semantics, started once their informers
 * have synced, and (with leader election) only on the leader.
 */
@NullMarked
package io.github.informer.controller;

import org.jspecify.annotations.NullMarked;
