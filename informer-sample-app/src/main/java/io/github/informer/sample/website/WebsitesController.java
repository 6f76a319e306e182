package io.github.informer.sample.website;

import java.util.Comparator;
import java.util.List;

import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/websites}: every Website with what the controller made of it, from the informers' caches (no
 * request reaches the API server).
 */
@RestController
@RequestMapping("/api")
public class WebsitesController {

	private final Lister<DynamicKubernetesObject> websites;

	private final Lister<V1ConfigMap> configMaps;

	private final Lister<V1Deployment> deployments;

	public WebsitesController(@Qualifier("websites") Lister<DynamicKubernetesObject> websites,
			@Qualifier("configmaps") Lister<V1ConfigMap> configMaps,
			@Qualifier("deployments") Lister<V1Deployment> deployments) {
		this.websites = websites;
		this.configMaps = configMaps;
		this.deployments = deployments;
	}

	/** Every Website, by namespace and name. */
	@GetMapping("/websites")
	public List<WebsiteSummary> websites() {
		return this.websites.list()
			.stream()
			.map(this::summarize)
			.sorted(Comparator.comparing(WebsiteSummary::namespace).thenComparing(WebsiteSummary::name))
			.toList();
	}

	private WebsiteSummary summarize(DynamicKubernetesObject object) {
		Website website = Website.of(object);
		V1Deployment deployment = this.deployments.namespace(website.namespace()).get(website.name());
		V1ConfigMap configMap = this.configMaps.namespace(website.namespace())
			.get(WebsiteReconciler.configMapName(website.name()));
		String deployedImage = (deployment != null && deployment.getSpec() != null)
				? deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage() : null;
		Integer deployedReplicas = (deployment != null && deployment.getSpec() != null)
				? deployment.getSpec().getReplicas() : null;
		return new WebsiteSummary(website.namespace(), website.name(), website.image(), website.replicas(),
				Website.readyCondition(object), (configMap != null) ? configMap.getMetadata().getName() : null,
				deployedImage, deployedReplicas);
	}

	/**
	 * A Website and what the controller made of it.
	 * @param namespace the namespace
	 * @param name the name
	 * @param image the image the spec asks for
	 * @param replicas the replicas the spec asks for
	 * @param ready the Ready condition's status, {@code null} before the controller reported
	 * @param configMap the name of its content ConfigMap, {@code null} before it exists
	 * @param deployedImage the image of its Deployment, {@code null} before it exists
	 * @param deployedReplicas the replicas of its Deployment, {@code null} before it exists
	 */
	public record WebsiteSummary(String namespace, String name, String image, int replicas, @Nullable String ready,
			@Nullable String configMap, @Nullable String deployedImage, @Nullable Integer deployedReplicas) {
	}

}
