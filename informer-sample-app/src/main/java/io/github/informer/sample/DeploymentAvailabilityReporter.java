package io.github.informer.sample;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.openapi.models.V1Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Reports deployments that lose or regain full availability, and reminds of the ones still not fully available on
 * every resync ({@code kubernetes.informers.handlers.deployment-availability-reporter.on-deployment.resync} in
 * {@code application.yaml}). Leader-only: with leader election on (in a cluster, where {@code deploy/} runs two
 * replicas) only the leader reports, so each report appears once; without it, it always runs.
 */
@Component
public class DeploymentAvailabilityReporter {

	private static final Logger logger = LoggerFactory.getLogger(DeploymentAvailabilityReporter.class);

	@InformerHandler(informer = "deployments", events = { EventType.ADDED, EventType.UPDATED }, leaderOnly = true)
	void onDeployment(InformerEvent<V1Deployment> event) {
		V1Deployment deployment = event.object();
		boolean unavailable = Kubernetes.notFullyAvailable(deployment);
		String replicas = Kubernetes.availableReplicas(deployment) + "/" + Kubernetes.desiredReplicas(deployment);
		if (event.resync()) {
			if (unavailable) {
				logger.warn("Deployment {} still not fully available: {} replicas available", event.key(), replicas);
			}
			return;
		}
		boolean wasUnavailable = event.oldObject() != null && Kubernetes.notFullyAvailable(event.oldObject());
		if (unavailable && !wasUnavailable) {
			logger.warn("Deployment {} not fully available: {} replicas available", event.key(), replicas);
		}
		else if (!unavailable && wasUnavailable) {
			logger.info("Deployment {} fully available again: {} replicas available", event.key(), replicas);
		}
	}

}
