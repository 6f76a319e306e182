package io.github.informer.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.github.informer.leader.LeaderElector;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Resolves {@code kubernetes.informers.leader-election.*} into {@link LeaderElector.Settings}: its defaults
 * (Lease name from {@code spring.application.name}, namespace from the service account, a unique identity), and
 * client-go's validation of the three durations, failing startup with the property names and the fix.
 */
final class LeaderElectionSettingsFactory {

	static final String PREFIX = "kubernetes.informers.leader-election.";

	static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

	private static final Pattern DNS_SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private final PropertyResolver environment;

	private final Map<String, String> systemEnvironment;

	private final Path serviceAccountNamespace;

	LeaderElectionSettingsFactory(PropertyResolver environment, Map<String, String> systemEnvironment,
			Path serviceAccountNamespace) {
		this.environment = environment;
		this.systemEnvironment = systemEnvironment;
		this.serviceAccountNamespace = serviceAccountNamespace;
	}

	LeaderElector.Settings create(InformerProperties.LeaderElection properties) {
		String leaseName = leaseName(properties);
		String namespace = StringUtils.hasText(properties.getLeaseNamespace()) ? properties.getLeaseNamespace().trim()
				: podNamespace();
		checkName(PREFIX + "lease-namespace", namespace);
		String identity = StringUtils.hasText(properties.getIdentity()) ? properties.getIdentity().trim()
				: defaultIdentity();
		Duration leaseDuration = properties.getLeaseDuration();
		Duration renewDeadline = properties.getRenewDeadline();
		Duration retryPeriod = properties.getRetryPeriod();
		if (retryPeriod.isNegative() || retryPeriod.isZero()) {
			throw invalid("retry-period", "is " + retryPeriod + ", it must be positive",
					"Set it to how often the leader renews, for example 2s");
		}
		if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
			throw invalid("lease-duration", "is " + leaseDuration + "; the Lease holds it in whole seconds, so it "
					+ "must be at least 1s", "Set it to at least 1s, for example 15s");
		}
		if (leaseDuration.compareTo(renewDeadline) <= 0) {
			throw invalid("lease-duration", "(" + leaseDuration + ") must be greater than " + PREFIX
					+ "renew-deadline (" + renewDeadline + "), or a standby could take over while the leader still acts",
					"Raise lease-duration or lower renew-deadline (defaults 15s and 10s)");
		}
		if (renewDeadline.toNanos() <= (long) (1.2 * retryPeriod.toNanos())) {
			throw invalid("renew-deadline", "(" + renewDeadline + ") must be greater than 1.2 x " + PREFIX
					+ "retry-period (" + retryPeriod + "), so that the leader can retry a renewal before it gives up",
					"Raise renew-deadline or lower retry-period (defaults 10s and 2s)");
		}
		return new LeaderElector.Settings(namespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod,
				properties.isReleaseOnShutdown());
	}

	private String leaseName(InformerProperties.LeaderElection properties) {
		if (StringUtils.hasText(properties.getLeaseName())) {
			String name = properties.getLeaseName().trim();
			checkName(PREFIX + "lease-name", name);
			return name;
		}
		String application = this.environment.getProperty("spring.application.name");
		if (!StringUtils.hasText(application)) {
			throw new InformerConfigurationException(PREFIX + "lease-name",
					"is not set and there is no spring.application.name to default it to",
					"Set " + PREFIX + "lease-name (or spring.application.name) to the name of the Lease the "
							+ "replicas share");
		}
		String name = application.trim();
		if (!DNS_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
			throw new InformerConfigurationException(PREFIX + "lease-name", "defaults to spring.application.name '"
					+ name + "', which is not a valid Kubernetes object name (lowercase letters, digits, '-' and '.')",
					"Set " + PREFIX + "lease-name to a valid name, for example '"
							+ name.toLowerCase().replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[-.]+|[-.]+$", "")
							+ "'");
		}
		return name;
	}

	private static void checkName(String property, String name) {
		if (!DNS_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
			throw new InformerConfigurationException(property, "'" + name + "' is not a valid Kubernetes name",
					"Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
		}
	}

	private String podNamespace() {
		try {
			if (Files.isReadable(this.serviceAccountNamespace)) {
				String namespace = Files.readString(this.serviceAccountNamespace, StandardCharsets.UTF_8).trim();
				if (!namespace.isEmpty()) {
					return namespace;
				}
			}
		}
		catch (IOException ex) {
			// not in a pod, or no service account: the documented fallback
		}
		return "default";
	}

	private String defaultIdentity() {
		return hostName() + "_" + UUID.randomUUID();
	}

	private String hostName() {
		String host = this.systemEnvironment.get("HOSTNAME");
		if (StringUtils.hasText(host)) {
			return host.trim();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

	private static InformerConfigurationException invalid(String property, String problem, String action) {
		return new InformerConfigurationException(PREFIX + property, problem, action);
	}

}
