package io.github.informer.benchmarks.run;

import java.time.Duration;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.generic.GenericKubernetesApi;

/**
 * The reference: client-java's {@code SharedIndexInformer} wired by hand, the way client-java's own examples and most
 * users write it today (GenericKubernetesApi, SharedInformerFactory, unpaged list, resync 0).
 * <p>
 * Modes: {@code sync} (time to synced and heap per object) and {@code events} (sync, print READY, then count the
 * server's updates and their latency).
 */
public final class ReferenceRun {

	private ReferenceRun() {
	}

	public static void main(String[] args) throws Exception {
		Arguments arguments = new Arguments(args);
		BenchmarkResource resource = BenchmarkResource.of(arguments.get("resource"));
		Report report = new Report().put("side", "reference");
		run(arguments, resource, report);
		report.print(System.out);
		System.exit(0);
	}

	static Duration syncTimeout(Arguments arguments) {
		return Duration.ofSeconds(Long.parseLong(arguments.get("sync-timeout-seconds", "600")));
	}

	private static <T extends KubernetesObject, L extends KubernetesListObject> void run(Arguments arguments,
			BenchmarkResource resource, Report report) {
		ApiClient client = new ClientBuilder().setBasePath(arguments.get("url")).build();
		SharedInformerFactory factory = new SharedInformerFactory(client);
		Class<T> type = resource.type();
		Class<L> listType = resource.listType();
		GenericKubernetesApi<T, L> api = new GenericKubernetesApi<>(type, listType, "", "v1", resource.plural(),
				client);
		SharedIndexInformer<T> informer = factory.sharedIndexInformerFor(api, type, 0, arguments.get("namespace"));
		boolean events = "events".equals(arguments.get("mode"));
		EventRecorder recorder = new EventRecorder(events ? arguments.getInt("warmup") : 0, events ? arguments.getInt("events") : 0);
		if (events) {
			informer.addEventHandler(new ResourceEventHandler<T>() {

				@Override
				public void onAdd(T object) {
				}

				@Override
				public void onUpdate(T oldObject, T newObject) {
					recorder.updated(newObject);
				}

				@Override
				public void onDelete(T object, boolean finalStateUnknown) {
				}

			});
		}
		SyncProbe probe = new SyncProbe();
		probe.markStart();
		factory.startAllRegisteredInformers();
		if (!probe.awaitSynced(informer::hasSynced, syncTimeout(arguments), report)) {
			return;
		}
		if (events) {
			Report.ready(System.out);
			report.put("complete", recorder.await(Duration.ofMinutes(3)));
			recorder.report(report);
		}
		else {
			probe.reportHeap(report, informer.getIndexer(), factory::stopAllRegisteredInformers, resource.fieldSteps());
		}
	}

}
