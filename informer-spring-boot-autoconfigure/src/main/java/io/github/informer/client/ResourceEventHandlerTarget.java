package io.github.informer.client;

import java.util.EnumSet;
import java.util.Set;

import io.github.informer.annotation.EventType;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;

/**
 * A plain client-java {@link ResourceEventHandler} (added with {@code addEventHandler}, as controllers and
 * applications do) as a {@link HandlerTarget}: a resync arrives as {@code onUpdate(object, object)}, as client-java
 * delivers it.
 */
final class ResourceEventHandlerTarget<T extends KubernetesObject> implements HandlerTarget<T> {

	private static final Set<EventType> ALL = EnumSet.allOf(EventType.class);

	private final ResourceEventHandler<T> handler;

	ResourceEventHandlerTarget(ResourceEventHandler<T> handler) {
		this.handler = handler;
	}

	@Override
	public Set<EventType> events() {
		return ALL;
	}

	@Override
	public String displayName() {
		return String.valueOf(this.handler);
	}

	@Override
	@SuppressWarnings("NullAway")
	public boolean handle(InformerEvent<? extends T> event) {
		switch (event.type()) {
			case ADDED -> this.handler.onAdd(event.object());
			case UPDATED -> this.handler.onUpdate(event.oldObject(), event.object());
			case DELETED -> this.handler.onDelete(event.object(), event.finalStateUnknown());
		}
		return true;
	}

}
