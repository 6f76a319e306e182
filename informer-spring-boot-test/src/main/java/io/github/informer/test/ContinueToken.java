package io.github.informer.test;

import java.util.Base64;

import com.google.gson.JsonObject;

/** A continue token: the first page's snapshot and the last key returned, base64 like kube-apiserver's. */
record ContinueToken(long resourceVersion, String after) {

	static String encode(long resourceVersion, String after) {
		JsonObject token = new JsonObject();
		token.addProperty("v", "meta.k8s.io/v1");
		token.addProperty("rv", resourceVersion);
		token.addProperty("start", after + "\u0000");
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(token));
	}

	static ContinueToken decode(String token) {
		try {
			JsonObject decoded = Json.parseObject(Base64.getUrlDecoder().decode(token));
			String start = Json.string(decoded, "start");
			if (start == null || !decoded.has("rv")) {
				throw new IllegalArgumentException("missing rv or start");
			}
			if (start.endsWith("\u0000")) {
				start = start.substring(0, start.length() - 1);
			}
			return new ContinueToken(decoded.get("rv").getAsLong(), start);
		}
		catch (RuntimeException ex) {
			throw ApiError.badRequest("continue key is not valid: " + ex.getMessage());
		}
	}

}
