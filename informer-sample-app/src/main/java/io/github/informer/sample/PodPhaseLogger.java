package io.github.informer.sample;

import java.util.Objects;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.kubernetes.client.openapi.models.V1Pod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Logs pod phase changes and deletions. The initial list arrives as ADDED events, which this bean does not ask for,
 * so a large cluster does not flood the log at start-up.
 */
@Component
public class PodPhaseLogger {

	private static final Logger logger = LoggerFactory.getLogger(PodPhaseLogger.class);

	@InformerHandler(informer = "pods", events = EventType.UPDATED)
	void onUpdate(V1Pod oldPod, V1Pod newPod) {
		String before = Kubernetes.phase(oldPod);
		String after = Kubernetes.phase(newPod);
		if (!Objects.equals(before, after)) {
			String node = Kubernetes.nodeName(newPod);
			logger.info("Pod {} phase {} -> {}{}", Kubernetes.key(newPod), before, after,
					(node != null) ? " on " + node : "");
		}
	}

	@InformerHandler(informer = "pods", events = EventType.DELETED)
	void onDelete(V1Pod pod, boolean finalStateUnknown) {
		logger.info("Pod {} deleted (last phase {}{})", Kubernetes.key(pod), Kubernetes.phase(pod),
				finalStateUnknown ? ", delete noticed on relist" : "");
	}

}
