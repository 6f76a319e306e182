package io.github.informer.test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Node;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code application/vnd.kubernetes.protobuf} request bodies, which client-go's typed clients send (kubectl's
 * imperative {@code create namespace|configmap|secret|deployment|...}, {@code auth can-i}), into the JSON the server
 * stores. The body is the {@code k8s\0} magic and a {@code runtime.Unknown} whose {@code raw} is the object encoded
 * with its kind's generated message (client-java-proto); the conversion follows the JSON encoding of the Go types:
 * Time as RFC 3339 seconds, MicroTime with microseconds, Duration as Go prints it, IntOrString, Quantity,
 * RawExtension and FieldsV1 embedded, bytes in base64. Go's protobuf encoder writes the zero value of every
 * non-pointer field, which its JSON encoder omits ({@code omitempty}), so zero scalars are dropped except on the
 * pointer fields whose zero means something ({@code replicas: 0}). Custom resources have no protobuf encoding:
 * 415, as from kube-apiserver.
 */
final class ProtobufBodies {

	static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

	private static final byte[] MAGIC = { 0x6b, 0x38, 0x73, 0x00 };

	private static final List<FileDescriptor> FILES = List.of(V1.getDescriptor(), V1Apps.getDescriptor(),
			V1Batch.getDescriptor(), V1Rbac.getDescriptor(), V1Coordination.getDescriptor(),
			V1Networking.getDescriptor(), V1Discovery.getDescriptor(), V1Policy.getDescriptor(),
			V1Authorization.getDescriptor(), V1Authentication.getDescriptor(), V1Autoscaling.getDescriptor(),
			V2Autoscaling.getDescriptor(), V1Events.getDescriptor(), V1Scheduling.getDescriptor(),
			V1Storage.getDescriptor(), V1Certificates.getDescriptor(), V1Node.getDescriptor(),
			V1Admissionregistration.getDescriptor(), V1Apiextensions.getDescriptor());

	/** Go pointer fields ({@code *int32}, {@code *bool}, {@code *string}) of the common kinds: their zero is kept. */
	private static final Set<String> POINTER_FIELDS = Set.of("replicas", "immutable", "automountServiceAccountToken",
			"parallelism", "completions", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "suspend",
			"activeDeadlineSeconds", "terminationGracePeriodSeconds", "revisionHistoryLimit",
			"progressDeadlineSeconds", "ttlSecondsAfterFinished", "startingDeadlineSeconds",
			"successfulJobsHistoryLimit", "failedJobsHistoryLimit", "runAsUser", "runAsGroup", "runAsNonRoot",
			"privileged", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "defaultMode", "optional",
			"enableServiceLinks", "allocateLoadBalancerNodePorts", "storageClassName", "minReplicas",
			"targetCPUUtilizationPercentage", "fsGroup", "shareProcessNamespace", "hostUsers", "leaseDurationSeconds",
			"leaseTransitions", "holderIdentity", "minAvailable", "maxUnavailable", "maxSurge", "partition");

	private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private ProtobufBodies() {
	}

	static boolean isProtobuf(@Nullable String contentType) {
		return contentType != null && contentType.split(";")[0].trim().equals(MEDIA_TYPE);
	}

	/** The object a protobuf body carries, as JSON; 415 for kinds without a protobuf encoding, 400 when malformed. */
	static JsonObject decode(ResourceType type, byte[] body) {
		Descriptor descriptor = descriptor(type.group(), type.version(), type.kind());
		if (descriptor == null) {
			throw new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format -"
					+ " accepted media types include: application/json, application/yaml", null);
		}
		return decode(body, descriptor);
	}

	private static JsonObject decode(byte[] body, @Nullable Descriptor expected) {
		if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw ApiError.badRequest("the protobuf body does not start with the Kubernetes envelope (k8s\\x00)");
		}
		Runtime.Unknown unknown;
		try {
			unknown = Runtime.Unknown.parseFrom(ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
		}
		catch (InvalidProtocolBufferException ex) {
			throw ApiError.badRequest("the protobuf body is not a runtime.Unknown: " + ex.getMessage());
		}
		String apiVersion = unknown.getTypeMeta().getApiVersion();
		String kind = unknown.getTypeMeta().getKind();
		Descriptor descriptor = expected;
		if (descriptor == null || !descriptor.getName().equals(kind)) {
			int slash = apiVersion.indexOf('/');
			descriptor = descriptor((slash < 0) ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1),
					kind);
		}
		if (descriptor == null) {
			throw ApiError.badRequest("no protobuf encoding is known for kind " + kind + " of " + apiVersion);
		}
		Message message;
		try {
			message = DynamicMessage.parseFrom(descriptor, unknown.getRaw());
		}
		catch (InvalidProtocolBufferException ex) {
			throw ApiError.badRequest("the protobuf body is not a valid " + kind + ": " + ex.getMessage());
		}
		JsonObject object = new JsonObject();
		if (!apiVersion.isEmpty()) {
			object.addProperty("apiVersion", apiVersion);
		}
		if (!kind.isEmpty()) {
			object.addProperty("kind", kind);
		}
		object(message).entrySet().forEach((entry) -> object.add(entry.getKey(), entry.getValue()));
		return object;
	}

	/** The generated message of a built-in kind, or null (custom resources, kinds client-java-proto lacks). */
	static @Nullable Descriptor descriptor(String group, String version, String kind) {
		String protoPackage = protoPackage(group, version);
		for (FileDescriptor file : FILES) {
			if (file.getPackage().equals(protoPackage)) {
				return file.findMessageTypeByName(kind);
			}
		}
		return null;
	}

	/** {@code k8s.io.api.<group's first label>.<version>}, as go-to-protobuf names the packages. */
	private static String protoPackage(String group, String version) {
		if (group.equals("apiextensions.k8s.io")) {
			return "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions." + version;
		}
		int dot = group.indexOf('.');
		String name = group.isEmpty() ? "core" : (dot < 0) ? group : group.substring(0, dot);
		return "k8s.io.api." + name + "." + version;
	}

	private static JsonObject object(Message message) {
		JsonObject json = new JsonObject();
		for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
			FieldDescriptor field = entry.getKey();
			JsonElement value;
			if (field.isMapField()) {
				value = map(field, (List<?>) entry.getValue());
			}
			else if (field.isRepeated()) {
				JsonArray array = new JsonArray();
				for (Object item : (List<?>) entry.getValue()) {
					array.add(value(field, item));
				}
				value = array.isEmpty() ? null : array;
			}
			else {
				value = value(field, entry.getValue());
				if (isZero(value) && !POINTER_FIELDS.contains(field.getName())) {
					value = null;
				}
			}
			if (value != null && !value.isJsonNull()) {
				json.add(field.getName(), value);
			}
		}
		return json;
	}

	private static @Nullable JsonObject map(FieldDescriptor field, List<?> entries) {
		Descriptor entryType = field.getMessageType();
		FieldDescriptor key = entryType.findFieldByName("key");
		FieldDescriptor value = entryType.findFieldByName("value");
		JsonObject map = new JsonObject();
		for (Object item : entries) {
			Message entry = (Message) item;
			map.add(String.valueOf(entry.getField(key)), value(value, entry.getField(value)));
		}
		return map.isEmpty() ? null : map;
	}

	private static JsonElement value(FieldDescriptor field, Object value) {
		return switch (field.getJavaType()) {
			case STRING -> new JsonPrimitive((String) value);
			case INT, LONG, FLOAT, DOUBLE -> new JsonPrimitive((Number) value);
			case BOOLEAN -> new JsonPrimitive((Boolean) value);
			case BYTE_STRING -> new JsonPrimitive(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
			case ENUM -> new JsonPrimitive(value.toString());
			case MESSAGE -> message((Message) value);
		};
	}

	/** The JSON of the apimachinery types with their own encoding; other messages as objects. */
	private static JsonElement message(Message message) {
		Descriptor type = message.getDescriptorForType();
		String name = type.getFullName();
		if (name.equals(Meta.Time.getDescriptor().getFullName())) {
			long seconds = (Long) message.getField(type.findFieldByName("seconds"));
			int nanos = (Integer) message.getField(type.findFieldByName("nanos"));
			return (seconds == 0 && nanos == 0) ? JsonNull.INSTANCE
					: new JsonPrimitive(Instant.ofEpochSecond(seconds).toString());
		}
		if (name.equals(Meta.MicroTime.getDescriptor().getFullName())) {
			long seconds = (Long) message.getField(type.findFieldByName("seconds"));
			int nanos = (Integer) message.getField(type.findFieldByName("nanos"));
			return (seconds == 0 && nanos == 0) ? JsonNull.INSTANCE
					: new JsonPrimitive(MICRO_TIME.format(Instant.ofEpochSecond(seconds, nanos)));
		}
		if (name.equals(Meta.Duration.getDescriptor().getFullName())) {
			return new JsonPrimitive(goDuration((Long) message.getField(type.findFieldByName("duration"))));
		}
		if (name.equals("k8s.io.apimachinery.pkg.util.intstr.IntOrString")) {
			long kind = (Long) message.getField(type.findFieldByName("type"));
			return (kind == 1) ? new JsonPrimitive((String) message.getField(type.findFieldByName("strVal")))
					: new JsonPrimitive((Integer) message.getField(type.findFieldByName("intVal")));
		}
		if (name.equals("k8s.io.apimachinery.pkg.api.resource.Quantity")) {
			return new JsonPrimitive((String) message.getField(type.findFieldByName("string")));
		}
		if (name.equals(Runtime.RawExtension.getDescriptor().getFullName())
				|| name.equals(Meta.FieldsV1.getDescriptor().getFullName())
				|| name.equals(V1Apiextensions.JSON.getDescriptor().getFullName())) {
			return raw((ByteString) message.getField(type.getFields().get(0)));
		}
		if (type.getName().equals("ExtraValue") || name.equals(Meta.Verbs.getDescriptor().getFullName())) {
			JsonArray items = new JsonArray();
			for (Object item : (List<?>) message.getField(type.findFieldByName("items"))) {
				items.add((String) item);
			}
			return items;
		}
		return object(message);
	}

	/** Embedded raw bytes: JSON as it is, a nested protobuf envelope decoded. */
	private static JsonElement raw(ByteString raw) {
		byte[] bytes = raw.toByteArray();
		if (bytes.length == 0) {
			return JsonNull.INSTANCE;
		}
		if (bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			return decode(bytes, null);
		}
		try {
			return JsonParser.parseString(raw.toStringUtf8());
		}
		catch (JsonParseException ex) {
			throw ApiError.badRequest("an embedded object in the protobuf body is neither JSON nor protobuf");
		}
	}

	private static boolean isZero(@Nullable JsonElement value) {
		if (value == null || !value.isJsonPrimitive()) {
			return value == null || value.isJsonNull();
		}
		JsonPrimitive primitive = value.getAsJsonPrimitive();
		if (primitive.isString()) {
			return primitive.getAsString().isEmpty();
		}
		if (primitive.isBoolean()) {
			return !primitive.getAsBoolean();
		}
		return primitive.getAsDouble() == 0;
	}

	/** A duration as Go's {@code time.Duration.String()} prints it ({@code 1h0m0s}, {@code 1.5s}, {@code 300ms}). */
	static String goDuration(long nanos) {
		if (nanos == 0) {
			return "0s";
		}
		String sign = (nanos < 0) ? "-" : "";
		long value = Math.abs(nanos);
		if (value < 1_000L) {
			return sign + value + "ns";
		}
		if (value < 1_000_000L) {
			return sign + fraction(value, 1_000L) + "µs";
		}
		if (value < 1_000_000_000L) {
			return sign + fraction(value, 1_000_000L) + "ms";
		}
		long hours = value / 3_600_000_000_000L;
		long minutes = (value % 3_600_000_000_000L) / 60_000_000_000L;
		String seconds = fraction(value % 60_000_000_000L, 1_000_000_000L) + "s";
		if (hours > 0) {
			return sign + hours + "h" + minutes + "m" + seconds;
		}
		return sign + ((minutes > 0) ? minutes + "m" : "") + seconds;
	}

	private static String fraction(long value, long unit) {
		long whole = value / unit;
		long rest = value % unit;
		if (rest == 0) {
			return Long.toString(whole);
		}
		String digits = Long.toString(unit + rest).substring(1).replaceAll("0+$", "");
		return whole + "." + digits;
	}

}
