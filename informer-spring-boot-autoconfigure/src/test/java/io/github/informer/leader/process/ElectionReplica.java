package io.github.informer.leader.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.ApiClientCustomizer;
import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.LeaderElectionAutoConfiguration;
import io.github.informer.leader.LeadershipGrantedEvent;
import io.github.informer.leader.LeadershipRevokedEvent;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * One replica of a small controller, run in its own JVM by {@link ReplicaProcess}: a leader-only handler that
 * writes this replica's identity into every ConfigMap of namespace {@code election} whose {@code tick} it has not
 * answered yet ({@code writer}, {@code seen}). Prints {@code REPLICA granted|revoked <epoch millis>} from the
 * leadership events' listeners, so the test knows when the replica itself stopped. Arguments are Spring properties
 * ({@code --kubernetes.informers.leader-election.identity=replica-1}); the identity is also the User-Agent, so the
 * API server can cut this replica off alone.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class,
		LeaderElectionAutoConfiguration.class })
public class ElectionReplica {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ElectionReplica.class);
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("spring.main.web-application-type", "none");
		// the informers' threads are daemons: keep the JVM up until it is signalled
		defaults.put("spring.main.keep-alive", "true");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.application.name", "election-replica");
		defaults.put("kubernetes.informers.resources.configmaps.api-version", "v1");
		defaults.put("kubernetes.informers.resources.configmaps.kind", "ConfigMap");
		defaults.put("kubernetes.informers.resources.configmaps.namespaces", "election");
		defaults.put("kubernetes.informers.leader-election.enabled", "true");
		defaults.put("kubernetes.informers.leader-election.lease-namespace", "election");
		application.setDefaultProperties(defaults);
		application.run(args);
		System.out.println("REPLICA started " + System.currentTimeMillis());
	}

	@Bean
	ApiClientCustomizer replicaUserAgent(@Value("${kubernetes.informers.leader-election.identity}") String identity) {
		return (client) -> client.setUserAgent(identity);
	}

	@Bean
	Writer writer(ApiClient apiClient, @Value("${kubernetes.informers.leader-election.identity}") String identity) {
		return new Writer(new CoreV1Api(apiClient), identity);
	}

	/** The leader-only work: answer every tick with this replica's identity. */
	static class Writer {

		private final CoreV1Api api;

		private final String identity;

		Writer(CoreV1Api api, String identity) {
			this.api = api;
			this.identity = identity;
		}

		@InformerHandler(informer = "configmaps", events = { EventType.ADDED, EventType.UPDATED }, leaderOnly = true)
		void answer(V1ConfigMap configMap) {
			Map<String, String> data = (configMap.getData() != null) ? new HashMap<>(configMap.getData())
					: new HashMap<>();
			String tick = data.get("tick");
			if (tick == null || (Objects.equals(tick, data.get("seen")) && this.identity.equals(data.get("writer")))) {
				return;
			}
			data.put("writer", this.identity);
			data.put("seen", tick);
			configMap.setData(data);
			try {
				this.api.replaceNamespacedConfigMap(configMap.getMetadata().getName(), "election", configMap).execute();
			}
			catch (ApiException ex) {
				// 409 (the ticker was faster) or a refused leader-only write: the next event tries again.
			}
		}

		@EventListener
		void granted(LeadershipGrantedEvent event) {
			System.out.println("REPLICA granted " + System.currentTimeMillis());
		}

		@EventListener
		void revoked(LeadershipRevokedEvent event) {
			System.out.println("REPLICA revoked " + System.currentTimeMillis());
		}

	}

}
