package io.github.informer.benchmarks.run;

import java.util.ArrayList;
import java.util.List;

import io.github.informer.benchmarks.server.BenchmarkObjects;
import io.github.informer.benchmarks.server.WireShape;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;

/** The two resources the benchmarks inform on, with their model classes. */
public enum BenchmarkResource {

	/** Realistic Pods. */
	PODS("pods", "Pod", V1Pod.class, V1PodList.class),

	/** Small ConfigMaps. */
	CONFIGMAPS("configmaps", "ConfigMap", V1ConfigMap.class, V1ConfigMapList.class);

	private final String plural;

	private final String kind;

	private final Class<? extends KubernetesObject> type;

	private final Class<? extends KubernetesListObject> listType;

	BenchmarkResource(String plural, String kind, Class<? extends KubernetesObject> type,
			Class<? extends KubernetesListObject> listType) {
		this.plural = plural;
		this.kind = kind;
		this.type = type;
		this.listType = listType;
	}

	public static BenchmarkResource of(String plural) {
		for (BenchmarkResource resource : values()) {
			if (resource.plural.equals(plural)) {
				return resource;
			}
		}
		throw new IllegalArgumentException("Unknown resource '" + plural + "': use pods or configmaps");
	}

	public String plural() {
		return this.plural;
	}

	public String kind() {
		return this.kind;
	}

	@SuppressWarnings("unchecked")
	public <T extends KubernetesObject> Class<T> type() {
		return (Class<T>) this.type;
	}

	@SuppressWarnings("unchecked")
	public <L extends KubernetesListObject> Class<L> listType() {
		return (Class<L>) this.listType;
	}

	/**
	 * What each part of a cached object costs, measured by removing it from every cached object in place: the
	 * last-applied annotation, managed fields (only present when client-java keeps them), the empty collections
	 * client-java's models are created with, and for Pods the status.
	 */
	public <T extends KubernetesObject> List<SyncProbe.FieldStep<T>> fieldSteps() {
		List<SyncProbe.FieldStep<T>> steps = new ArrayList<>();
		steps.add(new SyncProbe.FieldStep<>("lastAppliedAnnotation", (object) -> {
			if (object.getMetadata().getAnnotations() != null) {
				object.getMetadata().getAnnotations().remove(BenchmarkObjects.LAST_APPLIED);
			}
		}));
		steps.add(new SyncProbe.FieldStep<>("managedFields", (object) -> object.getMetadata().setManagedFields(null)));
		steps.add(new SyncProbe.FieldStep<>("emptyCollections", WireShape::omitEmptyCollections));
		if (this == PODS) {
			steps.add(new SyncProbe.FieldStep<>("status", (object) -> ((V1Pod) object).setStatus(null)));
		}
		return steps;
	}

}
