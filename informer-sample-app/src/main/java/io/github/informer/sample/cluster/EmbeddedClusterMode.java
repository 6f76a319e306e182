package io.github.informer.sample.cluster;

/** When the sample starts its embedded fake cluster ({@code sample.embedded-cluster.mode}). */
public enum EmbeddedClusterMode {

	/** Only when no cluster is configured: no client URL, no kubeconfig, not in a cluster. */
	AUTO,

	/** Always, ignoring any configured cluster. */
	ALWAYS,

	/** Never: with no cluster configured the starter falls back to client-java's default URL. */
	NEVER

}
