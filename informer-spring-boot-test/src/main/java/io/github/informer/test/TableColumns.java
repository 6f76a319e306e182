package io.github.informer.test;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.jspecify.annotations.Nullable;

/**
 * The columns kube-apiserver's printers give the common built-in kinds ({@code kubectl get pods} without
 * {@code -o}), with the same headers, priorities (1: {@code -o wide} only) and cell texts; every other built-in kind
 * gets the default Name / Created At. The cells follow kube-apiserver's printers, reading the stored JSON.
 */
final class TableColumns {

	private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating"
			+ " resources, although some resources may allow a client to request the generation of an appropriate"
			+ " name automatically. Name is primarily intended for creation idempotence and configuration definition."
			+ " Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

	private static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when"
			+ " this object was created. It is not guaranteed to be set in happens-before order across separate"
			+ " operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.";

	private static final String CONTAINERS = "Names of each container in the template.";

	private static final String IMAGES = "Images referenced by each container in the template.";

	private TableColumns() {
	}

	/** A column definition of a Table ({@code priority} 1: shown by {@code -o wide} only). */
	record Column(String name, String type, String format, String description, int priority) {

		static Column of(String name, String type, String description) {
			return new Column(name, type, "", description, 0);
		}

		static Column wide(String name, String type, String description) {
			return new Column(name, type, "", description, 1);
		}

		static Column nameColumn() {
			return new Column("Name", "string", "name", NAME_DESCRIPTION, 0);
		}

		static Column ageColumn() {
			return of("Age", "string", AGE_DESCRIPTION);
		}

		JsonObject toJson() {
			JsonObject column = new JsonObject();
			column.addProperty("name", this.name);
			column.addProperty("type", this.type);
			column.addProperty("format", this.format);
			column.addProperty("description", this.description);
			column.addProperty("priority", this.priority);
			return column;
		}

	}

	/** The columns of one kind and how to fill a row from an object. */
	record Printer(List<Column> columns, Function<JsonObject, List<JsonElement>> cells) {
	}

	/** The printer kube-apiserver uses for a built-in kind. */
	static Printer builtIn(ResourceType type) {
		String key = type.group() + "/" + type.kind();
		return switch (key) {
			case "/Pod" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
					Column.of("Status", "string", "The aggregate status of the containers in this pod."),
					Column.of("Restarts", "string", "The number of times the containers in this pod have been"
							+ " restarted and when the last container in this pod has restarted."),
					Column.ageColumn(), Column.wide("IP", "string", "IP address allocated to the pod."),
					Column.wide("Node", "string", "Name of the node the pod is scheduled on."),
					Column.wide("Nominated Node", "string", "Name of the node the pod is nominated to run on."),
					Column.wide("Readiness Gates", "string", "The readiness gates of the pod.")),
					TableColumns::pod);
			case "apps/Deployment" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Ready", "string", "Number of the pod with ready state"),
					Column.of("Up-to-date", "integer", "Total number of non-terminated pods targeted by this"
							+ " deployment that have the desired template spec."),
					Column.of("Available", "integer", "Total number of available pods (ready for at least"
							+ " minReadySeconds) targeted by this deployment."),
					Column.ageColumn(), Column.wide("Containers", "string", CONTAINERS),
					Column.wide("Images", "string", IMAGES),
					Column.wide("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are"
							+ " selected by this will be the ones affected by this deployment.")),
					(object) -> cells(name(object),
							text(integer(object, "status", "readyReplicas") + "/" + replicas(object)),
							number(integer(object, "status", "updatedReplicas")),
							number(integer(object, "status", "availableReplicas")), age(object),
							containerNames(object), containerImages(object), selector(object)));
			case "apps/ReplicaSet", "/ReplicationController" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Desired", "integer", "Replicas is the number of desired pods."),
					Column.of("Current", "integer", "Replicas is the most recently observed number of replicas."),
					Column.of("Ready", "integer", "The number of ready replicas for this replica set."),
					Column.ageColumn(), Column.wide("Containers", "string", CONTAINERS),
					Column.wide("Images", "string", IMAGES),
					Column.wide("Selector", "string", "Selector is a label query over pods that should match the"
							+ " replica count.")),
					(object) -> cells(name(object), number(replicas(object)),
							number(integer(object, "status", "replicas")),
							number(integer(object, "status", "readyReplicas")), age(object), containerNames(object),
							containerImages(object), selector(object)));
			case "apps/StatefulSet" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Ready", "string", "Number of the pod with ready state"), Column.ageColumn(),
					Column.wide("Containers", "string", CONTAINERS), Column.wide("Images", "string", IMAGES)),
					(object) -> cells(name(object),
							text(integer(object, "status", "readyReplicas") + "/" + replicas(object)), age(object),
							containerNames(object), containerImages(object)));
			case "apps/DaemonSet" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Desired", "integer", "The total number of nodes that should be running the daemon"
							+ " pod (including nodes correctly running the daemon pod)."),
					Column.of("Current", "integer", "The number of nodes that are running at least 1 daemon pod"
							+ " and are supposed to run the daemon pod."),
					Column.of("Ready", "integer", "The number of nodes that should be running the daemon pod and"
							+ " have one or more of the daemon pod running and ready."),
					Column.of("Up-to-date", "integer", "The total number of nodes that are running updated daemon"
							+ " pod"),
					Column.of("Available", "integer", "The number of nodes that should be running the daemon pod"
							+ " and have one or more of the daemon pod running and available (ready for at least"
							+ " spec.minReadySeconds)"),
					Column.of("Node Selector", "string", "NodeSelector is a selector which must be true for the"
							+ " pod to fit on a node."),
					Column.ageColumn(), Column.wide("Containers", "string", CONTAINERS),
					Column.wide("Images", "string", IMAGES),
					Column.wide("Selector", "string", "A label query over pods that are managed by the daemon set.")),
					(object) -> cells(name(object), number(integer(object, "status", "desiredNumberScheduled")),
							number(integer(object, "status", "currentNumberScheduled")),
							number(integer(object, "status", "numberReady")),
							number(integer(object, "status", "updatedNumberScheduled")),
							number(integer(object, "status", "numberAvailable")),
							text(labels(object(object, "spec", "template", "spec", "nodeSelector"))), age(object),
							containerNames(object), containerImages(object), selector(object)));
			case "batch/Job" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Status", "string", "Status of the job."),
					Column.of("Completions", "string", "The number of successfully completed pods and the job's"
							+ " desired completions."),
					Column.of("Duration", "string", "Time required to complete the job."), Column.ageColumn(),
					Column.wide("Containers", "string", CONTAINERS), Column.wide("Images", "string", IMAGES),
					Column.wide("Selector", "string", "A label query over pods that should match the pod count.")),
					TableColumns::job);
			case "batch/CronJob" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Schedule", "string", "The schedule in Cron format."),
					Column.of("Timezone", "string", "The time zone name for the given schedule."),
					Column.of("Suspend", "boolean", "This flag tells the controller to suspend subsequent"
							+ " executions."),
					Column.of("Active", "integer", "A list of pointers to currently running jobs."),
					Column.of("Last Schedule", "string", "Information when was the last time the job was"
							+ " successfully scheduled."),
					Column.ageColumn(), Column.wide("Containers", "string", CONTAINERS),
					Column.wide("Images", "string", IMAGES),
					Column.wide("Selector", "string", "A label query over pods that should match the pod count.")),
					TableColumns::cronJob);
			case "/Service" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Type", "string", "type determines how the Service is exposed."),
					Column.of("Cluster-IP", "string", "clusterIP is the IP address of the service."),
					Column.of("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the"
							+ " cluster will also accept traffic for this service."),
					Column.of("Port(s)", "string", "The list of ports that are exposed by this service."),
					Column.ageColumn(),
					Column.wide("Selector", "string", "Route service traffic to pods with label keys and values"
							+ " matching this selector.")),
					TableColumns::service);
			case "/ConfigMap" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Data", "integer", "The number of data entries in the ConfigMap."), Column.ageColumn()),
					(object) -> cells(name(object),
							number(size(object, "data") + size(object, "binaryData")), age(object)));
			case "/Secret" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Type", "string", "Used to facilitate programmatic handling of secret data."),
					Column.of("Data", "integer", "The number of data entries in the Secret."), Column.ageColumn()),
					(object) -> cells(name(object), text(string(object, "type")), number(size(object, "data")),
							age(object)));
			case "/Namespace" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Status", "string", "The status of the namespace"), Column.ageColumn()),
					(object) -> cells(name(object), text(string(object, "status", "phase")), age(object)));
			case "/Node" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Status", "string", "The status of the node"),
					Column.of("Roles", "string", "The roles of the node"), Column.ageColumn(),
					Column.of("Version", "string", "Kubelet Version reported by the node."),
					Column.wide("Internal-IP", "string", "List of addresses reachable to the node."),
					Column.wide("External-IP", "string", "List of addresses reachable to the node."),
					Column.wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release."),
					Column.wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r'."),
					Column.wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node.")),
					TableColumns::node);
			case "/Event" -> new Printer(List.of(Column.of("Last Seen", "string", "The time at which the most"
					+ " recent occurrence of this event was recorded."),
					Column.of("Type", "string", "Type of this event (Normal, Warning)."),
					Column.of("Reason", "string", "This should be a short, machine understandable string that gives"
							+ " the reason for the transition into the object's current status."),
					Column.of("Object", "string", "The object that this event is about."),
					Column.wide("Subobject", "string", "The field of the object this event is about."),
					Column.wide("Source", "string", "The component reporting this event."),
					Column.of("Message", "string", "A human-readable description of the status of this operation."),
					Column.wide("First Seen", "string", "The time at which the event was first recorded."),
					Column.wide("Count", "string", "The number of times this event has occurred."),
					new Column("Name", "string", "name", NAME_DESCRIPTION, 1)), TableColumns::event);
			case "coordination.k8s.io/Lease" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Holder", "string", "holderIdentity contains the identity of the holder of a current"
							+ " lease."),
					Column.ageColumn()),
					(object) -> cells(name(object), text(string(object, "spec", "holderIdentity")), age(object)));
			case "autoscaling/HorizontalPodAutoscaler" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Reference", "string", "reference to scaled resource; horizontal pod autoscaler will"
							+ " learn the current resource consumption and will set the desired number of pods by"
							+ " using its Scale subresource."),
					Column.of("Targets", "string", "metrics contains the specifications for which to use to calculate"
							+ " the desired replica count."),
					Column.of("MinPods", "string", "minReplicas is the lower limit for the number of replicas to"
							+ " which the autoscaler can scale down."),
					Column.of("MaxPods", "integer", "maxReplicas is the upper limit for the number of pods that can"
							+ " be set by the autoscaler; cannot be smaller than MinReplicas."),
					Column.of("Replicas", "integer", "currentReplicas is current number of replicas of pods managed"
							+ " by this autoscaler, as last seen by the autoscaler."),
					Column.ageColumn()), TableColumns::horizontalPodAutoscaler);
			case "/ServiceAccount" -> new Printer(List.of(Column.nameColumn(),
					Column.of("Secrets", "integer", "Secrets is a list of the secrets in the same namespace that pods"
							+ " running using this ServiceAccount are allowed to use."),
					Column.ageColumn()),
					(object) -> cells(name(object), number(objects(object, "secrets").size()), age(object)));
			case "/ResourceQuota" -> new Printer(List.of(Column.nameColumn(), Column.ageColumn(),
					Column.of("Request", "string", "Request represents a minimum amount of cpu/memory that a"
							+ " container may consume."),
					Column.of("Limit", "string", "Limits control the maximum amount of cpu/memory that a container"
							+ " may use independent of contention on the node.")),
					TableColumns::resourceQuota);
			default -> new Printer(List.of(Column.nameColumn(), new Column("Created At", "date", "", AGE_DESCRIPTION, 0)),
					(object) -> cells(name(object), text(string(object, "metadata", "creationTimestamp"))));
		};
	}

	private static List<JsonElement> pod(JsonObject pod) {
		JsonObject status = object(pod, "status");
		String phase = string(pod, "status", "phase");
		String reason = !string(pod, "status", "reason").isEmpty() ? string(pod, "status", "reason") : phase;
		for (JsonObject condition : objects(status, "conditions")) {
			if ("PodScheduled".equals(string(condition, "type"))
					&& "SchedulingGated".equals(string(condition, "reason"))) {
				reason = "SchedulingGated";
			}
		}
		int restarts = 0;
		Instant lastRestart = null;
		int ready = 0;
		List<JsonObject> initStatuses = objects(status, "initContainerStatuses");
		int initContainers = objects(object(pod, "spec"), "initContainers").size();
		boolean initializing = false;
		for (int i = 0; i < initStatuses.size(); i++) {
			JsonObject container = initStatuses.get(i);
			restarts += integer(container, "restartCount");
			lastRestart = later(lastRestart, string(container, "lastState", "terminated", "finishedAt"));
			JsonObject terminated = object(container, "state", "terminated");
			JsonObject waiting = object(container, "state", "waiting");
			if (terminated != null && integer(terminated, "exitCode") == 0) {
				continue;
			}
			initializing = true;
			if (terminated != null) {
				reason = !string(terminated, "reason").isEmpty() ? "Init:" + string(terminated, "reason")
						: (integer(terminated, "signal") != 0) ? "Init:Signal:" + integer(terminated, "signal")
								: "Init:ExitCode:" + integer(terminated, "exitCode");
			}
			else if (waiting != null && !string(waiting, "reason").isEmpty()
					&& !string(waiting, "reason").equals("PodInitializing")) {
				reason = "Init:" + string(waiting, "reason");
			}
			else {
				reason = "Init:" + i + "/" + initContainers;
			}
			break;
		}
		if (!initializing) {
			boolean running = false;
			List<JsonObject> statuses = objects(status, "containerStatuses");
			for (int i = statuses.size() - 1; i >= 0; i--) {
				JsonObject container = statuses.get(i);
				restarts += integer(container, "restartCount");
				lastRestart = later(lastRestart, string(container, "lastState", "terminated", "finishedAt"));
				JsonObject terminated = object(container, "state", "terminated");
				JsonObject waiting = object(container, "state", "waiting");
				if (waiting != null && !string(waiting, "reason").isEmpty()) {
					reason = string(waiting, "reason");
				}
				else if (terminated != null && !string(terminated, "reason").isEmpty()) {
					reason = string(terminated, "reason");
				}
				else if (terminated != null) {
					reason = (integer(terminated, "signal") != 0) ? "Signal:" + integer(terminated, "signal")
							: "ExitCode:" + integer(terminated, "exitCode");
				}
				else if (bool(container, "ready") && object(container, "state", "running") != null) {
					running = true;
					ready++;
				}
			}
			if (reason.equals("Completed") && running) {
				reason = hasCondition(status, "Ready") ? "Running" : "NotReady";
			}
		}
		boolean deleting = !string(pod, "metadata", "deletionTimestamp").isEmpty();
		if (deleting && "NodeLost".equals(string(pod, "status", "reason"))) {
			reason = "Unknown";
		}
		else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
			reason = "Terminating";
		}
		String restartText = Integer.toString(restarts);
		if (restarts != 0 && lastRestart != null) {
			restartText = restarts + " (" + since(lastRestart) + " ago)";
		}
		int total = objects(object(pod, "spec"), "containers").size();
		List<JsonObject> ips = objects(status, "podIPs");
		String ip = !ips.isEmpty() ? string(ips.get(0), "ip") : string(pod, "status", "podIP");
		List<JsonObject> gates = objects(object(pod, "spec"), "readinessGates");
		String readinessGates = "<none>";
		if (!gates.isEmpty()) {
			int satisfied = 0;
			for (JsonObject gate : gates) {
				for (JsonObject condition : objects(status, "conditions")) {
					if (string(gate, "conditionType").equals(string(condition, "type"))) {
						satisfied += "True".equals(string(condition, "status")) ? 1 : 0;
						break;
					}
				}
			}
			readinessGates = satisfied + "/" + gates.size();
		}
		return cells(name(pod), text(ready + "/" + total), text(reason), text(restartText), age(pod),
				text(orNone(ip)), text(orNone(string(pod, "spec", "nodeName"))),
				text(orNone(string(pod, "status", "nominatedNodeName"))), text(readinessGates));
	}

	private static List<JsonElement> job(JsonObject job) {
		JsonObject spec = object(job, "spec");
		long succeeded = integer(job, "status", "succeeded");
		String completions;
		if (spec != null && spec.has("completions")) {
			completions = succeeded + "/" + integer(spec, "completions");
		}
		else if (spec != null && spec.has("parallelism") && integer(spec, "parallelism") > 1) {
			completions = succeeded + "/1 of " + integer(spec, "parallelism");
		}
		else {
			completions = succeeded + "/1";
		}
		String start = string(job, "status", "startTime");
		String completion = string(job, "status", "completionTime");
		String duration = "";
		if (!start.isEmpty()) {
			Instant started = instant(start);
			Instant ended = completion.isEmpty() ? Instant.now() : instant(completion);
			if (started != null && ended != null) {
				duration = humanDuration(Duration.between(started, ended));
			}
		}
		JsonObject status = object(job, "status");
		String state;
		if (hasCondition(status, "Complete")) {
			state = "Complete";
		}
		else if (hasCondition(status, "Failed")) {
			state = "Failed";
		}
		else if (!string(job, "metadata", "deletionTimestamp").isEmpty()) {
			state = "Terminating";
		}
		else if (hasCondition(status, "Suspended")) {
			state = "Suspended";
		}
		else if (hasCondition(status, "FailureTarget")) {
			state = "FailureTarget";
		}
		else if (hasCondition(status, "SuccessCriteriaMet")) {
			state = "SuccessCriteriaMet";
		}
		else {
			state = "Running";
		}
		return cells(name(job), text(state), text(completions), text(duration), age(job), containerNames(job),
				containerImages(job), selector(job));
	}

	private static List<JsonElement> horizontalPodAutoscaler(JsonObject autoscaler) {
		JsonObject spec = object(autoscaler, "spec");
		String reference = string(spec, "scaleTargetRef", "kind") + "/" + string(spec, "scaleTargetRef", "name");
		List<String> targets = new ArrayList<>();
		if (spec != null && spec.has("targetCPUUtilizationPercentage")) {
			JsonObject status = object(autoscaler, "status");
			String current = (status != null && status.has("currentCPUUtilizationPercentage"))
					? integer(status, "currentCPUUtilizationPercentage") + "%" : "<unknown>";
			targets.add("cpu: " + current + "/" + integer(spec, "targetCPUUtilizationPercentage") + "%");
		}
		for (JsonObject metric : objects(spec, "metrics")) {
			JsonObject resource = object(metric, "resource");
			JsonObject target = object(resource, "target");
			if (resource != null && target != null && target.has("averageUtilization")) {
				targets.add(string(resource, "name") + ": <unknown>/" + integer(target, "averageUtilization") + "%");
			}
			else if (resource != null && target != null) {
				targets.add(string(resource, "name") + ": <unknown>/" + string(target, "averageValue"));
			}
			else {
				targets.add("<unknown>");
			}
		}
		String minPods = (spec != null && spec.has("minReplicas")) ? Long.toString(integer(spec, "minReplicas"))
				: "<unset>";
		return cells(name(autoscaler), text(reference), text(targets.isEmpty() ? "<none>" : String.join(", ",
				targets)), text(minPods), number(integer(spec, "maxReplicas")),
				number(integer(autoscaler, "status", "currentReplicas")), age(autoscaler));
	}

	private static List<JsonElement> resourceQuota(JsonObject quota) {
		JsonObject hard = object(quota, "status", "hard");
		List<String> requests = new ArrayList<>();
		List<String> limits = new ArrayList<>();
		if (hard != null) {
			for (String resource : new TreeSet<>(hard.keySet())) {
				String used = string(quota, "status", "used", resource);
				String entry = resource + ": " + (used.isEmpty() ? "0" : used) + "/" + string(hard, resource);
				(resource.startsWith("limits.") ? limits : requests).add(entry);
			}
		}
		return cells(name(quota), age(quota), text(String.join(", ", requests)), text(String.join(", ", limits)));
	}

	private static List<JsonElement> cronJob(JsonObject cronJob) {
		String last = string(cronJob, "status", "lastScheduleTime");
		JsonObject spec = object(cronJob, "spec");
		JsonElement suspend = (spec != null) ? spec.get("suspend") : null;
		JsonObject template = object(cronJob, "spec", "jobTemplate");
		return cells(name(cronJob), text(string(cronJob, "spec", "schedule")),
				text(orNone(string(cronJob, "spec", "timeZone"))),
				(suspend != null && suspend.isJsonPrimitive()) ? text(suspend.getAsBoolean() ? "True" : "False")
						: text("<unset>"),
				number(objects(object(cronJob, "status"), "active").size()),
				text(last.isEmpty() ? "<none>" : since(last)), age(cronJob),
				containerNames(template), containerImages(template), selector(template));
	}

	private static List<JsonElement> service(JsonObject service) {
		String type = string(service, "spec", "type");
		JsonObject spec = object(service, "spec");
		List<String> clusterIps = strings(spec, "clusterIPs");
		String clusterIp = !clusterIps.isEmpty() ? clusterIps.get(0) : orNone(string(service, "spec", "clusterIP"));
		List<String> externalIps = strings(spec, "externalIPs");
		String external;
		switch (type) {
			case "", "ClusterIP", "NodePort" -> external = externalIps.isEmpty() ? "<none>"
					: String.join(",", externalIps);
			case "LoadBalancer" -> {
				List<String> addresses = new ArrayList<>();
				for (JsonObject ingress : objects(object(service, "status", "loadBalancer"), "ingress")) {
					String ip = string(ingress, "ip");
					addresses.add(!ip.isEmpty() ? ip : string(ingress, "hostname"));
				}
				addresses.addAll(externalIps);
				external = addresses.isEmpty() ? "<pending>" : String.join(",", addresses);
			}
			case "ExternalName" -> external = string(service, "spec", "externalName");
			default -> external = "<unknown>";
		}
		List<String> ports = new ArrayList<>();
		for (JsonObject port : objects(spec, "ports")) {
			String protocol = string(port, "protocol").isEmpty() ? "TCP" : string(port, "protocol");
			long nodePort = integer(port, "nodePort");
			ports.add(integer(port, "port") + ((nodePort > 0) ? ":" + nodePort : "") + "/" + protocol);
		}
		return cells(name(service), text(type.isEmpty() ? "ClusterIP" : type), text(clusterIp), text(external),
				text(ports.isEmpty() ? "<none>" : String.join(",", ports)), age(service),
				text(labels(object(service, "spec", "selector"))));
	}

	private static List<JsonElement> node(JsonObject node) {
		JsonObject status = object(node, "status");
		List<String> state = new ArrayList<>();
		for (JsonObject condition : objects(status, "conditions")) {
			if ("Ready".equals(string(condition, "type"))) {
				state.add("True".equals(string(condition, "status")) ? "Ready" : "NotReady");
			}
		}
		if (state.isEmpty()) {
			state.add("Unknown");
		}
		if (bool(object(node, "spec"), "unschedulable")) {
			state.add("SchedulingDisabled");
		}
		TreeSet<String> roles = new TreeSet<>();
		JsonObject labels = object(node, "metadata", "labels");
		if (labels != null) {
			for (Map.Entry<String, JsonElement> label : labels.entrySet()) {
				if (label.getKey().startsWith("node-role.kubernetes.io/")
						&& label.getKey().length() > "node-role.kubernetes.io/".length()) {
					roles.add(label.getKey().substring("node-role.kubernetes.io/".length()));
				}
				else if (label.getKey().equals("kubernetes.io/role") && !label.getValue().getAsString().isEmpty()) {
					roles.add(label.getValue().getAsString());
				}
			}
		}
		return cells(name(node), text(String.join(",", state)), text(roles.isEmpty() ? "<none>" : String.join(",",
				roles)), age(node), text(string(node, "status", "nodeInfo", "kubeletVersion")),
				text(address(status, "InternalIP")), text(address(status, "ExternalIP")),
				text(orUnknown(string(node, "status", "nodeInfo", "osImage"))),
				text(orUnknown(string(node, "status", "nodeInfo", "kernelVersion"))),
				text(orUnknown(string(node, "status", "nodeInfo", "containerRuntimeVersion"))));
	}

	private static List<JsonElement> event(JsonObject event) {
		String first = string(event, "firstTimestamp");
		String firstSeen = !first.isEmpty() ? since(first) : sinceOrUnknown(string(event, "eventTime"));
		String last = string(event, "lastTimestamp");
		String lastSeen = !last.isEmpty() ? since(last) : firstSeen;
		long count = integer(event, "count");
		JsonObject series = object(event, "series");
		if (series != null) {
			lastSeen = sinceOrUnknown(string(series, "lastObservedTime"));
			count = integer(series, "count");
		}
		else if (count == 0) {
			count = 1;
		}
		String kind = string(event, "involvedObject", "kind").toLowerCase(java.util.Locale.ROOT);
		String target = string(event, "involvedObject", "name").isEmpty() ? kind
				: kind + "/" + string(event, "involvedObject", "name");
		String component = string(event, "source", "component").isEmpty() ? string(event, "reportingComponent")
				: string(event, "source", "component");
		String instance = string(event, "source", "host").isEmpty() ? string(event, "reportingInstance")
				: string(event, "source", "host");
		String source = component.isEmpty() ? "" : component + (instance.isEmpty() ? "" : ", " + instance);
		return cells(text(lastSeen), text(string(event, "type")), text(string(event, "reason")), text(target),
				text(string(event, "involvedObject", "fieldPath")), text(source),
				text(string(event, "message").strip()), text(firstSeen), number(count), name(event));
	}

	/**
	 * A label selector as {@code labels.Selector.String()} prints it: requirements sorted by key, {@code k=v},
	 * {@code k in (a,b)}, {@code k notin (a)}, {@code k}, {@code !k}.
	 */
	static String selectorString(@Nullable JsonObject selector) {
		if (selector == null) {
			return "";
		}
		TreeMap<String, List<String>> requirements = new TreeMap<>();
		JsonObject matchLabels = Json.object(selector, "matchLabels");
		if (matchLabels != null) {
			for (Map.Entry<String, JsonElement> label : matchLabels.entrySet()) {
				requirements.computeIfAbsent(label.getKey(), (key) -> new ArrayList<>())
					.add(label.getKey() + "=" + label.getValue().getAsString());
			}
		}
		for (JsonObject expression : objects(selector, "matchExpressions")) {
			String key = string(expression, "key");
			List<String> values = new ArrayList<>(strings(expression, "values"));
			values.sort(null);
			String requirement = switch (string(expression, "operator")) {
				case "In" -> key + " in (" + String.join(",", values) + ")";
				case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
				case "Exists" -> key;
				case "DoesNotExist" -> "!" + key;
				default -> key;
			};
			requirements.computeIfAbsent(key, (ignored) -> new ArrayList<>()).add(requirement);
		}
		List<String> all = new ArrayList<>();
		requirements.values().forEach(all::addAll);
		return String.join(",", all);
	}

	/** A label map as {@code labels.FormatLabels} prints it: sorted {@code k=v} pairs, or {@code <none>}. */
	private static String labels(@Nullable JsonObject labels) {
		if (labels == null || labels.size() == 0) {
			return "<none>";
		}
		TreeMap<String, String> sorted = new TreeMap<>();
		labels.entrySet().forEach((entry) -> sorted.put(entry.getKey(), entry.getValue().getAsString()));
		List<String> pairs = new ArrayList<>();
		sorted.forEach((key, value) -> pairs.add(key + "=" + value));
		return String.join(",", pairs);
	}

	/** Go's {@code duration.HumanDuration}: the AGE column's {@code 5m}, {@code 3h2m}, {@code 12d}. */
	static String humanDuration(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds < -1) {
			return "<invalid>";
		}
		if (seconds < 0) {
			return "0s";
		}
		if (seconds < 60 * 2) {
			return seconds + "s";
		}
		long minutes = seconds / 60;
		if (minutes < 10) {
			long rest = seconds % 60;
			return (rest == 0) ? minutes + "m" : minutes + "m" + rest + "s";
		}
		if (minutes < 60 * 3) {
			return minutes + "m";
		}
		long hours = minutes / 60;
		if (hours < 8) {
			long rest = minutes % 60;
			return (rest == 0) ? hours + "h" : hours + "h" + rest + "m";
		}
		if (hours < 48) {
			return hours + "h";
		}
		if (hours < 24 * 8) {
			long rest = hours % 24;
			return (rest == 0) ? (hours / 24) + "d" : (hours / 24) + "d" + rest + "h";
		}
		if (hours < 24 * 365 * 2) {
			return (hours / 24) + "d";
		}
		if (hours < 24 * 365 * 8) {
			long days = (hours / 24) % 365;
			return (days == 0) ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + days + "d";
		}
		return (hours / 24 / 365) + "y";
	}

	/** The time since an RFC 3339 timestamp, or {@code <unknown>} when there is none. */
	static String sinceOrUnknown(String timestamp) {
		Instant instant = instant(timestamp);
		return (instant == null) ? "<unknown>" : humanDuration(Duration.between(instant, Instant.now()));
	}

	private static String since(String timestamp) {
		return sinceOrUnknown(timestamp);
	}

	private static String since(Instant instant) {
		return humanDuration(Duration.between(instant, Instant.now()));
	}

	static @Nullable Instant instant(String timestamp) {
		if (timestamp.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Instant later(@Nullable Instant current, String timestamp) {
		Instant candidate = instant(timestamp);
		return (candidate != null && (current == null || candidate.isAfter(current))) ? candidate : current;
	}

	private static boolean hasCondition(@Nullable JsonObject status, String type) {
		for (JsonObject condition : objects(status, "conditions")) {
			if (type.equals(string(condition, "type")) && "True".equals(string(condition, "status"))) {
				return true;
			}
		}
		return false;
	}

	private static String address(@Nullable JsonObject status, String type) {
		for (JsonObject address : objects(status, "addresses")) {
			if (type.equals(string(address, "type"))) {
				return string(address, "address");
			}
		}
		return "<none>";
	}

	private static long replicas(JsonObject object) {
		JsonObject spec = object(object, "spec");
		return (spec != null && spec.has("replicas")) ? integer(spec, "replicas") : 1;
	}

	private static JsonElement containerNames(@Nullable JsonObject object) {
		return containerCells(object, "name");
	}

	private static JsonElement containerImages(@Nullable JsonObject object) {
		return containerCells(object, "image");
	}

	private static JsonElement containerCells(@Nullable JsonObject object, String member) {
		List<String> values = new ArrayList<>();
		for (JsonObject container : objects(object(object, "spec", "template", "spec"), "containers")) {
			values.add(string(container, member));
		}
		return text(String.join(",", values));
	}

	private static JsonElement selector(@Nullable JsonObject object) {
		JsonObject spec = object(object, "spec");
		JsonElement selector = (spec != null) ? spec.get("selector") : null;
		if (selector != null && selector.isJsonObject() && !selector.getAsJsonObject().has("matchLabels")
				&& !selector.getAsJsonObject().has("matchExpressions")) {
			// a ReplicationController's selector is a plain label map
			JsonObject matchLabels = new JsonObject();
			matchLabels.add("matchLabels", selector);
			return text(selectorString(matchLabels));
		}
		return text(selectorString((selector != null && selector.isJsonObject()) ? selector.getAsJsonObject()
				: null));
	}

	private static String orNone(String value) {
		return value.isEmpty() ? "<none>" : value;
	}

	private static String orUnknown(String value) {
		return value.isEmpty() ? "<unknown>" : value;
	}

	private static JsonElement name(JsonObject object) {
		return text(string(object, "metadata", "name"));
	}

	private static JsonElement age(JsonObject object) {
		return text(sinceOrUnknown(string(object, "metadata", "creationTimestamp")));
	}

	private static JsonElement text(String value) {
		return new JsonPrimitive(value);
	}

	private static JsonElement number(long value) {
		return new JsonPrimitive(value);
	}

	private static List<JsonElement> cells(JsonElement... cells) {
		return List.of(cells);
	}

	private static int size(JsonObject object, String member) {
		JsonObject map = Json.object(object, member);
		return (map != null) ? map.size() : 0;
	}

	/** The string at a path, or "" when absent. */
	static String string(@Nullable JsonObject object, String... path) {
		JsonElement value = element(object, path);
		return (value != null && value.isJsonPrimitive()) ? value.getAsString() : "";
	}

	private static long integer(@Nullable JsonObject object, String... path) {
		JsonElement value = element(object, path);
		return (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber())
				? value.getAsLong() : 0;
	}

	private static boolean bool(@Nullable JsonObject object, String... path) {
		JsonElement value = element(object, path);
		return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()
				&& value.getAsBoolean();
	}

	private static @Nullable JsonObject object(@Nullable JsonObject object, String... path) {
		JsonElement value = element(object, path);
		return (value != null && value.isJsonObject()) ? value.getAsJsonObject() : null;
	}

	private static List<JsonObject> objects(@Nullable JsonObject object, String member) {
		List<JsonObject> objects = new ArrayList<>();
		JsonElement value = (object != null) ? object.get(member) : null;
		if (value != null && value.isJsonArray()) {
			for (JsonElement item : value.getAsJsonArray()) {
				if (item.isJsonObject()) {
					objects.add(item.getAsJsonObject());
				}
			}
		}
		return objects;
	}

	private static List<String> strings(@Nullable JsonObject object, String member) {
		List<String> strings = new ArrayList<>();
		JsonElement value = (object != null) ? object.get(member) : null;
		if (value instanceof JsonArray array) {
			for (JsonElement item : array) {
				if (item.isJsonPrimitive()) {
					strings.add(item.getAsString());
				}
			}
		}
		return strings;
	}

	private static @Nullable JsonElement element(@Nullable JsonObject object, String... path) {
		JsonElement current = object;
		for (String member : path) {
			if (current == null || !current.isJsonObject()) {
				return null;
			}
			current = current.getAsJsonObject().get(member);
		}
		return (current == null || current instanceof JsonNull) ? null : current;
	}

}
