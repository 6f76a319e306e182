package io.github.informer.leader;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.RequestFailure;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The elector against the in-JVM API server over HTTP: client-go's acquire, renew, expiry and release rules, as seen
 * on the Lease a Go controller would read.
 */
class LeaderElectorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String MICRO_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private final List<LeaderElector> electors = new ArrayList<>();

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
	}

	@AfterEach
	void stopAll() {
		this.electors.forEach(LeaderElector::stop);
	}

	@Test
	void acquiresAnAbsentLeaseByCreatingItAndPublishesGranted() {
		Recorder events = new Recorder();
		LeaderElector elector = elector("a", settings("a", 15, 10, 2), events);
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		V1LeaseSpec spec = lease().getSpec();
		assertThat(spec.getHolderIdentity()).isEqualTo("a");
		assertThat(spec.getLeaseDurationSeconds()).isEqualTo(15);
		assertThat(spec.getLeaseTransitions()).isZero();
		assertThat(spec.getAcquireTime()).isNotNull().isEqualTo(spec.getRenewTime());
		assertThat(events.events).singleElement().isInstanceOfSatisfying(LeadershipGrantedEvent.class, (granted) -> {
			assertThat(granted.getIdentity()).isEqualTo("a");
			assertThat(granted.getLeaseNamespace()).isEqualTo("default");
			assertThat(granted.getLeaseName()).isEqualTo("app");
			assertThat(granted.getSource()).isSameAs(elector);
		});
		assertThat(events.threads).containsExactly("informer-leader-election");
		// As a Go client reads it: MicroTime with exactly six fractional digits (client-go's RFC3339Micro layout).
		JsonObject stored = this.server.get("coordination.k8s.io/v1", "Lease", "default", "app")
			.orElseThrow()
			.getRaw()
			.getAsJsonObject("spec");
		assertThat(stored.get("renewTime").getAsString()).matches(MICRO_TIME);
		assertThat(stored.get("acquireTime").getAsString()).isEqualTo(stored.get("renewTime").getAsString());
		assertThat(elector.holder()).isEqualTo("a");
		assertThat(elector.transitions()).isZero();
	}

	@Test
	void renewsEveryRetryPeriodKeepingAcquireTimeAndTransitions() {
		LeaderElector elector = elector("a", settings("a", 3, 2, 0.2), new Recorder());
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		V1LeaseSpec first = lease().getSpec();
		await().atMost(TIMEOUT).until(() -> lease().getSpec().getRenewTime().isAfter(first.getRenewTime()));
		V1Lease renewed = lease();
		assertThat(renewed.getSpec().getAcquireTime()).isEqualTo(first.getAcquireTime());
		assertThat(renewed.getSpec().getLeaseTransitions()).isZero();
		assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo("a");
		// The fast path: a renewal is one PUT with the last written resourceVersion, without reading the Lease (a
		// GET only for the first attempt, and when a renewal fails).
		await().atMost(TIMEOUT).until(() -> puts() >= 4);
		long gets = this.server.requests().stream().filter((r) -> r.method().equals("GET")).count();
		assertThat(gets).isLessThan(puts());
	}

	@Test
	void standbyWaitsWhileTheHolderRenewsThenTakesOverByTheRecordsDurationNotItsOwn() {
		createLease("go-controller", 1, OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), 4);
		Recorder events = new Recorder();
		// Its own lease-duration is 30s; the record says 1s: the record's duration is what counts.
		LeaderElector elector = elector("b", settings("b", 30, 20, 0.2), events);
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		V1LeaseSpec spec = lease().getSpec();
		assertThat(spec.getHolderIdentity()).isEqualTo("b");
		assertThat(spec.getLeaseTransitions()).isEqualTo(5);
		assertThat(spec.getLeaseDurationSeconds()).isEqualTo(30);
		assertThat(spec.getAcquireTime()).isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
		assertThat(events.events).singleElement().isInstanceOf(LeadershipGrantedEvent.class);
	}

	@Test
	void standbyNeverTakesOverALeaseThatKeepsChanging() {
		createLease("go-controller", 5, OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), 0);
		Recorder events = new Recorder();
		LeaderElector elector = elector("b", settings("b", 1, 0.8, 0.2), events);
		elector.start();
		// The holder renews every 300 ms: a standby sees the record change and never finds it expired, although
		// the renewTime written in it is far in the past (clock skew does not matter, only the change).
		ScheduledExecutorService holder = Executors.newSingleThreadScheduledExecutor();
		try {
			holder.scheduleAtFixedRate(() -> {
				V1Lease current = lease();
				current.getSpec().setRenewTime(current.getSpec().getRenewTime().plusNanos(1000));
				this.server.update(current);
			}, 0, 300, TimeUnit.MILLISECONDS);
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> !elector.isLeader());
		}
		finally {
			holder.shutdownNow();
		}
		assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("go-controller");
		assertThat(elector.holder()).isEqualTo("go-controller");
		assertThat(events.events).isEmpty();
	}

	@Test
	void releasesOnStopAfterPublishingRevoked() {
		Recorder events = new Recorder();
		LeaderElector elector = elector("a", settings("a", 15, 10, 2), events);
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		events.onPublish = () -> assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("a");
		elector.stop();
		assertThat(events.failures).isEmpty();
		assertThat(events.events).hasSize(2).last().isInstanceOf(LeadershipRevokedEvent.class);
		V1LeaseSpec spec = lease().getSpec();
		assertThat(spec.getHolderIdentity()).isEmpty();
		assertThat(spec.getLeaseDurationSeconds()).isEqualTo(1);
		assertThat(spec.getLeaseTransitions()).isZero();
		assertThat(elector.isLeader()).isFalse();
		assertThat(elector.isRunning()).isFalse();
	}

	@Test
	void aReleasedLeaseIsTakenAtOnceWithOneMoreTransition() {
		LeaderElector first = elector("a", settings("a", 15, 10, 0.3), new Recorder());
		first.start();
		await().atMost(TIMEOUT).until(first::isLeader);
		LeaderElector second = elector("b", settings("b", 15, 10, 0.3), new Recorder());
		second.start();
		await().atMost(TIMEOUT).until(() -> "a".equals(second.holder()));
		first.stop();
		// Not a lease-duration (15s): the holder is cleared, so the standby acquires at its next attempt.
		await().atMost(Duration.ofSeconds(10)).until(second::isLeader);
		V1LeaseSpec spec = lease().getSpec();
		assertThat(spec.getHolderIdentity()).isEqualTo("b");
		assertThat(spec.getLeaseTransitions()).isEqualTo(1);
	}

	@Test
	void leaderStopsLeadingBeforeRenewDeadlineWhenTheApiServerDoesNotAnswer() {
		Recorder events = new Recorder();
		LeaderElector elector = elector("a", settings("a", 6, 4, 0.5), events);
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		this.server.unreachable("elector-a");
		await().atMost(TIMEOUT).until(() -> events.events.size() == 2);
		assertThat(events.events.get(1)).isInstanceOf(LeadershipRevokedEvent.class);
		assertThat(elector.isLeader()).isFalse();
		// Nobody else renewed: the Lease still names it, with the time of its last successful renewal.
		OffsetDateTime lastRenewal = lease().getSpec().getRenewTime();
		assertThat(events.returnedAt.get(1)).isBefore(lastRenewal.plusSeconds(4));
		assertThat(elector.lastError()).isNotNull();
		this.server.reachable("elector-a");
		// It keeps competing; the Lease is still its own, so it leads again without a transition.
		await().atMost(TIMEOUT).until(elector::isLeader);
		assertThat(lease().getSpec().getLeaseTransitions()).isZero();
		assertThat(elector.lastError()).isNull();
	}

	@Test
	void leaderStopsLeadingWhenItFindsAnotherHolder() {
		Recorder events = new Recorder();
		LeaderElector elector = elector("a", settings("a", 15, 10, 0.3), events);
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		V1Lease taken = lease();
		taken.getSpec().holderIdentity("intruder").leaseTransitions(1);
		this.server.update(taken);
		await().atMost(TIMEOUT).until(() -> events.events.size() == 2);
		assertThat(events.events.get(1)).isInstanceOf(LeadershipRevokedEvent.class);
		assertThat(elector.holder()).isEqualTo("intruder");
		assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("intruder");
	}

	@Test
	void serverErrorsAreRetriedEveryRetryPeriodWithoutLosingTheLeaseWhenOneRenewalSucceedsInTime() {
		Recorder events = new Recorder();
		LeaderElector elector = elector("a", settings("a", 15, 10, 0.3), events);
		elector.start();
		await().atMost(TIMEOUT).until(elector::isLeader);
		this.server.failNext(RequestFailure.status(500).times(6).resource("leases"));
		OffsetDateTime before = lease().getSpec().getRenewTime();
		await().atMost(TIMEOUT).until(() -> lease().getSpec().getRenewTime().isAfter(before.plusSeconds(1)));
		assertThat(events.events).singleElement().isInstanceOf(LeadershipGrantedEvent.class);
		assertThat(elector.isLeader()).isTrue();
	}

	@Test
	void settingsFollowClientGosValidation() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("a", 10, 10, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> settings("a", 15, 2.4, 2));
		LeaderElector.Settings defaults = settings("a", 15, 10, 2);
		assertThat(defaults.stopBudget()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings("a", 3, 2, 0.5).stopBudget()).isEqualTo(Duration.ofMillis(500));
		assertThat(settings("a", 3, 2.5, 2).stopBudget()).isEqualTo(Duration.ofMillis(250));
	}

	private LeaderElector elector(String identity, LeaderElector.Settings settings, ApplicationEventPublisher events) {
		ApiClient client = this.server.apiClient();
		client.setUserAgent("elector-" + identity);
		LeaderElector elector = new LeaderElector(settings, client, events);
		this.electors.add(elector);
		return elector;
	}

	private static LeaderElector.Settings settings(String identity, double leaseSeconds, double renewSeconds,
			double retrySeconds) {
		return new LeaderElector.Settings("default", "app", identity, seconds(leaseSeconds), seconds(renewSeconds),
				seconds(retrySeconds), true);
	}

	private static Duration seconds(double seconds) {
		return Duration.ofMillis((long) (seconds * 1000));
	}

	private void createLease(String holder, int durationSeconds, OffsetDateTime renewTime, int transitions) {
		this.server.create(new V1Lease().apiVersion("coordination.k8s.io/v1")
			.kind("Lease")
			.metadata(new V1ObjectMeta().namespace("default").name("app"))
			.spec(new V1LeaseSpec().holderIdentity(holder)
				.leaseDurationSeconds(durationSeconds)
				.acquireTime(renewTime)
				.renewTime(renewTime)
				.leaseTransitions(transitions)));
	}

	private long puts() {
		return this.server.requests().stream().filter((request) -> request.method().equals("PUT")).count();
	}

	private V1Lease lease() {
		return this.server.get(V1Lease.class, "default", "app").orElseThrow();
	}

	/** Records published events, the thread they were published on, and when their listener returned. */
	private static final class Recorder implements ApplicationEventPublisher {

		final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final List<OffsetDateTime> returnedAt = new CopyOnWriteArrayList<>();

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		volatile Runnable onPublish = () -> {
		};

		@Override
		public void publishEvent(Object event) {
			try {
				this.onPublish.run();
			}
			catch (Throwable ex) {
				this.failures.add(ex);
			}
			this.events.add((ApplicationEvent) event);
			this.threads.add(Thread.currentThread().getName());
			this.returnedAt.add(OffsetDateTime.now(ZoneOffset.UTC));
		}

	}

}
