package io.github.informer.test;

import java.util.List;

/**
 * One resource the server serves: what discovery advertises and how the store and the HTTP routes treat it.
 *
 * @param group API group, empty for the core group
 * @param version API version within the group
 * @param kind object kind
 * @param plural resource name in URLs
 * @param namespaced whether objects live in namespaces
 * @param shortNames kubectl short names
 * @param statusSubresource whether {@code /status} exists (then main-resource writes keep the stored status)
 * @param returnsDeletedObject whether DELETE answers with the object (as for pods) instead of a Status
 */
record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
		List<String> shortNames, boolean statusSubresource, boolean returnsDeletedObject) {

	String apiVersion() {
		return this.group.isEmpty() ? this.version : this.group + "/" + this.version;
	}

	String singular() {
		return this.kind.toLowerCase(java.util.Locale.ROOT);
	}

	String listKind() {
		return this.kind + "List";
	}

	/** Objects of all versions of one group resource share one storage, as in kube-apiserver. */
	String storageKey() {
		return this.plural + "." + this.group;
	}

	/** How kube-apiserver names the resource in messages: {@code configmaps}, {@code deployments.apps}. */
	String groupResource() {
		return this.group.isEmpty() ? this.plural : this.plural + "." + this.group;
	}

}
