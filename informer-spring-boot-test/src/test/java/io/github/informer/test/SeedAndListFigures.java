package io.github.informer.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.GenericKubernetesApi;

/**
 * Not a test: measures the figures quoted in the README (seeding 100k ConfigMaps in bulk, a raw client-java informer
 * listing them through the server, and a paged list). Run with
 * {@code java -cp <test classpath> io.github.informer.test.SeedAndListFigures [count]}.
 */
public final class SeedAndListFigures {

	private SeedAndListFigures() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		try (FakeKubernetesApiServer server = new FakeKubernetesApiServer().start()) {
			List<V1ConfigMap> objects = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				Map<String, String> data = new LinkedHashMap<>();
				for (int key = 0; key < 5; key++) {
					data.put("key-" + key, "value-" + i + "-" + key + "-0123456789abcdefghijklmnopqrstuvwxyz");
				}
				objects.add(new V1ConfigMap()
					.metadata(new V1ObjectMeta().name("config-" + i).namespace("ns-" + (i % 50))
						.labels(Map.of("app", "app-" + (i % 100), "tier", (i % 2 == 0) ? "front" : "back")))
					.data(data));
			}
			long seedStart = System.nanoTime();
			long seedCpu = cpu();
			server.seed(objects);
			double seedSeconds = seconds(seedStart);
			objects = null;
			System.out.printf("seed %d ConfigMaps: %.2f s (process CPU %.2f s)%n", count, seedSeconds, cpuSeconds(seedCpu));

			ApiClient client = server.apiClient();
			SharedInformerFactory factory = new SharedInformerFactory(client);
			SharedIndexInformer<V1ConfigMap> informer = factory.sharedIndexInformerFor(
					new GenericKubernetesApi<>(V1ConfigMap.class, V1ConfigMapList.class, "", "v1", "configmaps", client),
					V1ConfigMap.class, 0);
			long informerStart = System.nanoTime();
			long informerCpu = cpu();
			factory.startAllRegisteredInformers();
			while (!informer.hasSynced()) {
				Thread.sleep(5);
			}
			double informerSeconds = seconds(informerStart);
			System.out.printf("informer list-to-synced %d ConfigMaps: %.2f s (process CPU %.2f s, cache size %d)%n",
					count, informerSeconds, cpuSeconds(informerCpu), informer.getIndexer().list().size());
			factory.stopAllRegisteredInformers();

			CoreV1Api core = new CoreV1Api(client);
			long pagedStart = System.nanoTime();
			int listed = 0;
			String token = null;
			do {
				V1ConfigMapList page = core.listConfigMapForAllNamespaces().limit(500)._continue(token).execute();
				listed += page.getItems().size();
				token = page.getMetadata().getContinue();
			}
			while (token != null && !token.isEmpty());
			System.out.printf("paged list (limit 500) of %d ConfigMaps: %.2f s%n", listed, seconds(pagedStart));
			System.out.println("heap used: " + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory())
					/ (1024 * 1024) + " MB");
		}
		System.exit(0);
	}

	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static double cpuSeconds(long start) {
		return (cpu() - start) / 1e9;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
