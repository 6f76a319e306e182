package io.github.informer.reliability;

import io.github.informer.client.ListStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watch dropped / 410 Gone / API server restart / 500 / 429: after {@value #CHANGES} changes made under
 * faults, every cache and every handler's view equals the server exactly, every delete was reported, some as
 * {@code finalStateUnknown}, and no handler thread died. Size and pace via {@code -Dchaos.changes} and
 * {@code -Dchaos.rate}; {@link ChaosScenario#main} runs larger sizes. Run once per {@code list-strategy}: the first
 * sync and the relists after 410 through the paged list, the watch-list, and watch-list with fallback.
 */
class ChaosTests {

	private static final int CHANGES = 10_000;

	@ParameterizedTest(name = "list-strategy {0}")
	@EnumSource(ListStrategy.class)
	void cachesAndHandlersConvergeToTheServerAfterChangesUnderFaults(ListStrategy listStrategy) {
		int changes = Integer.getInteger("chaos.changes", CHANGES);
		int rate = Integer.getInteger("chaos.rate", 1_000);
		ChaosScenario.Result result = new ChaosScenario(ChaosScenario.Settings.of(changes, rate, listStrategy))
			.run();
		System.out.println(result.describe());
		assertThat(result.differences()).as(result.describe()).isEmpty();
		assertThat(result.creates() + result.updates() + result.deletes()).isEqualTo(changes);
		assertThat(result.faults()).anyMatch((fault) -> fault.startsWith("410 (compactHistory"))
			.anyMatch((fault) -> fault.startsWith("410 (history lost)"))
			.anyMatch((fault) -> fault.startsWith("3x 500"))
			.anyMatch((fault) -> fault.startsWith("2x 429"))
			.anyMatch((fault) -> fault.startsWith("closeAllWatches"));
		assertThat(result.deletesWhileDown()).isPositive();
		assertThat(result.finalStateUnknownPerNamespace()).isPositive();
		assertThat(result.finalStateUnknownAllNamespaces()).isPositive();
		assertThat(result.thrown()).isPositive();
		assertThat(result.counters().get("failed:chaos-flaky")).isEqualTo(result.thrown());
		if (listStrategy != ListStrategy.AUTO) {
			assertThat(result.listStrategies().values())
				.allMatch((used) -> used.equals(listStrategy.value() + " (0 fallbacks)"));
		}
		assertThat(result.handlerThreads()).containsExactlyInAnyOrder("informer-configmaps-chaos-per-namespace",
				"informer-configmaps-chaos-flaky", "informer-all-configmaps-chaos-all-namespaces");
	}

}
