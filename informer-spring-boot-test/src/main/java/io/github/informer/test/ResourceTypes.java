package io.github.informer.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubernetes.client.apimachinery.GroupVersionKind;
import io.kubernetes.client.util.ModelMapper;
import org.jspecify.annotations.Nullable;

/**
 * The resources the server knows: the built-in kinds of the common API groups plus custom resources registered
 * through a {@code CustomResourceDefinition} or {@link FakeKubernetesApiServer#registerCustomResource}. Renders the
 * discovery documents kubectl and client-java read.
 */
final class ResourceTypes {

	private final List<ResourceType> types = new CopyOnWriteArrayList<>();

	/** The kinds Kubernetes serves itself (not custom resources): their lists' items carry no kind/apiVersion. */
	private final Set<ResourceType> builtIn;

	ResourceTypes() {
		core("Pod", "pods", true, true, true, "po");
		core("Service", "services", true, true, true, "svc");
		core("ConfigMap", "configmaps", true, false, false, "cm");
		core("Secret", "secrets", true, false, false);
		core("Namespace", "namespaces", false, true, false, "ns");
		core("Node", "nodes", false, true, false, "no");
		core("Endpoints", "endpoints", true, false, false, "ep");
		core("Event", "events", true, false, false, "ev");
		core("ServiceAccount", "serviceaccounts", true, false, true, "sa");
		core("PersistentVolumeClaim", "persistentvolumeclaims", true, true, true, "pvc");
		core("PersistentVolume", "persistentvolumes", false, true, true, "pv");
		core("ReplicationController", "replicationcontrollers", true, true, false, "rc");
		core("PodTemplate", "podtemplates", true, false, true);
		core("LimitRange", "limitranges", true, false, false, "limits");
		core("ResourceQuota", "resourcequotas", true, true, true, "quota");
		add("apps", "v1", "Deployment", "deployments", true, true, false, "deploy");
		add("apps", "v1", "StatefulSet", "statefulsets", true, true, false, "sts");
		add("apps", "v1", "DaemonSet", "daemonsets", true, true, false, "ds");
		add("apps", "v1", "ReplicaSet", "replicasets", true, true, false, "rs");
		add("apps", "v1", "ControllerRevision", "controllerrevisions", true, false, false);
		add("batch", "v1", "Job", "jobs", true, true, false);
		add("batch", "v1", "CronJob", "cronjobs", true, true, false, "cj");
		add("coordination.k8s.io", "v1", "Lease", "leases", true, false, false);
		add("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, false, "hpa");
		add("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, false, "hpa");
		add("rbac.authorization.k8s.io", "v1", "Role", "roles", true, false, false);
		add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false, false);
		add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false, false);
		add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, false, false);
		add("networking.k8s.io", "v1", "Ingress", "ingresses", true, true, false, "ing");
		add("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, false, false);
		add("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, false, false, "netpol");
		add("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, false, false);
		add("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, false, "pdb");
		add("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true, false,
				"crd", "crds");
		this.builtIn = Set.copyOf(this.types);
	}

	/** Whether Kubernetes serves this kind itself, rather than a custom resource definition. */
	boolean builtIn(ResourceType type) {
		return this.builtIn.contains(type);
	}

	/**
	 * The built-in kinds whose strategy sets {@code metadata.generation} (1 on create, +1 per spec change); the others
	 * (ConfigMap, Secret, Namespace, Pod, Service...) have none. Custom resources always have it.
	 */
	private static final Set<String> WITH_GENERATION = Set.of("deployments.apps", "statefulsets.apps",
			"daemonsets.apps", "replicasets.apps", "replicationcontrollers", "podtemplates", "jobs.batch",
			"cronjobs.batch", "ingresses.networking.k8s.io", "ingressclasses.networking.k8s.io",
			"networkpolicies.networking.k8s.io", "endpointslices.discovery.k8s.io", "poddisruptionbudgets.policy",
			"customresourcedefinitions.apiextensions.k8s.io");

	/** Whether objects of the resource carry {@code metadata.generation}. */
	boolean hasGeneration(ResourceType type) {
		return !builtIn(type) || WITH_GENERATION.contains(type.groupResource());
	}

	private void core(String kind, String plural, boolean namespaced, boolean status, boolean returnsObject,
			String... shortNames) {
		add("", "v1", kind, plural, namespaced, status, returnsObject, shortNames);
	}

	private void add(String group, String version, String kind, String plural, boolean namespaced, boolean status,
			boolean returnsObject, String... shortNames) {
		this.types.add(new ResourceType(group, version, kind, plural, namespaced, List.of(shortNames), status,
				returnsObject));
	}

	/** Adds or replaces a custom resource; returns the type now served. */
	synchronized ResourceType register(ResourceType type) {
		this.types.removeIf((existing) -> existing.group().equals(type.group())
				&& existing.version().equals(type.version()) && existing.plural().equals(type.plural()));
		this.types.add(type);
		return type;
	}

	synchronized void unregister(String group, String plural) {
		this.types.removeIf((existing) -> existing.group().equals(group) && existing.plural().equals(plural));
	}

	Optional<ResourceType> byResource(String group, String version, String plural) {
		for (ResourceType type : this.types) {
			if (type.group().equals(group) && type.version().equals(version) && type.plural().equals(plural)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

	Optional<ResourceType> byKind(String apiVersion, String kind) {
		for (ResourceType type : this.types) {
			if (type.apiVersion().equals(apiVersion) && type.kind().equals(kind)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

	/** The type of a client-java model class (built-in models, or classes added to client-java's ModelMapper). */
	ResourceType byClass(Class<?> modelClass) {
		GroupVersionKind gvk = ModelMapper.preBuiltGetGroupVersionKindByClass(modelClass).orElse(null);
		if (gvk == null) {
			try {
				gvk = ModelMapper.getGroupVersionKindByClass(modelClass);
			}
			catch (RuntimeException ex) {
				gvk = null;
			}
		}
		if (gvk != null) {
			// client-java's pre-built mapping knows version and kind but not the group (V1Deployment: "", v1)
			for (ResourceType type : this.types) {
				if ((gvk.getGroup().isEmpty() || type.group().equals(gvk.getGroup()))
						&& type.version().equals(gvk.getVersion()) && type.kind().equals(gvk.getKind())) {
					return type;
				}
			}
		}
		throw new IllegalArgumentException("FakeKubernetesApiServer does not know the resource of " + modelClass.getName()
				+ ": register it with registerCustomResource(group, version, kind, plural, namespaced) and add the class"
				+ " to client-java with ModelMapper.addModelMap(group, version, kind, plural, namespaced, class)");
	}

	/** The type of an object, from its apiVersion and kind when set, else from its class. */
	ResourceType of(@Nullable String apiVersion, @Nullable String kind, Class<?> modelClass) {
		if (apiVersion != null && kind != null) {
			return byKind(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
					"FakeKubernetesApiServer does not serve kind " + kind + " of " + apiVersion
							+ ": register it with registerCustomResource(group, version, kind, plural, namespaced)"
							+ " or create its CustomResourceDefinition first"));
		}
		return byClass(modelClass);
	}

	Collection<ResourceType> all() {
		return this.types;
	}

	JsonObject coreVersions(String serverAddress) {
		JsonObject versions = new JsonObject();
		versions.addProperty("kind", "APIVersions");
		JsonArray list = new JsonArray();
		list.add("v1");
		versions.add("versions", list);
		JsonArray addresses = new JsonArray();
		JsonObject address = new JsonObject();
		address.addProperty("clientCIDR", "0.0.0.0/0");
		address.addProperty("serverAddress", serverAddress);
		addresses.add(address);
		versions.add("serverAddressByClientCIDRs", addresses);
		return versions;
	}

	JsonObject groupList() {
		JsonObject list = new JsonObject();
		list.addProperty("kind", "APIGroupList");
		list.addProperty("apiVersion", "v1");
		JsonArray groups = new JsonArray();
		groupVersions().forEach((group, versions) -> {
			if (!group.isEmpty()) {
				groups.add(group(group, versions));
			}
		});
		list.add("groups", groups);
		return list;
	}

	@Nullable JsonObject group(String name) {
		List<String> versions = groupVersions().get(name);
		return (versions != null && !name.isEmpty()) ? group(name, versions) : null;
	}

	private static JsonObject group(String name, List<String> versions) {
		JsonObject group = new JsonObject();
		group.addProperty("kind", "APIGroup");
		group.addProperty("apiVersion", "v1");
		group.addProperty("name", name);
		JsonArray list = new JsonArray();
		for (String version : versions) {
			list.add(groupVersion(name, version));
		}
		group.add("versions", list);
		group.add("preferredVersion", groupVersion(name, versions.get(0)));
		return group;
	}

	private static JsonObject groupVersion(String group, String version) {
		JsonObject groupVersion = new JsonObject();
		groupVersion.addProperty("groupVersion", group + "/" + version);
		groupVersion.addProperty("version", version);
		return groupVersion;
	}

	private Map<String, List<String>> groupVersions() {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		for (ResourceType type : this.types) {
			List<String> versions = groups.computeIfAbsent(type.group(), (group) -> new ArrayList<>());
			if (!versions.contains(type.version())) {
				versions.add(type.version());
			}
		}
		return groups;
	}

	/** The APIResourceList of one group version, or null when nothing is served there. */
	@Nullable JsonObject resourceList(String group, String version) {
		JsonArray resources = new JsonArray();
		for (ResourceType type : this.types) {
			if (type.group().equals(group) && type.version().equals(version)) {
				resources.add(resource(type));
				if (type.statusSubresource()) {
					JsonObject status = new JsonObject();
					status.addProperty("name", type.plural() + "/status");
					status.addProperty("singularName", "");
					status.addProperty("namespaced", type.namespaced());
					status.addProperty("kind", type.kind());
					status.add("verbs", strings(List.of("get", "patch", "update")));
					resources.add(status);
				}
			}
		}
		if (resources.isEmpty()) {
			return null;
		}
		JsonObject list = new JsonObject();
		list.addProperty("kind", "APIResourceList");
		list.addProperty("apiVersion", "v1");
		list.addProperty("groupVersion", group.isEmpty() ? version : group + "/" + version);
		list.add("resources", resources);
		return list;
	}

	private static JsonObject resource(ResourceType type) {
		JsonObject resource = new JsonObject();
		resource.addProperty("name", type.plural());
		resource.addProperty("singularName", type.singular());
		resource.addProperty("namespaced", type.namespaced());
		resource.addProperty("kind", type.kind());
		resource.add("verbs", strings(List.of("create", "delete", "deletecollection", "get", "list", "patch",
				"update", "watch")));
		if (!type.shortNames().isEmpty()) {
			resource.add("shortNames", strings(type.shortNames()));
		}
		return resource;
	}

	private static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		values.forEach(array::add);
		return array;
	}

}
