package io.github.informer.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.informer.registry.InformerSpec;

/**
 * The informers resolved at bean-definition time (configured, then inferred from handler parameter types), handed to
 * the {@code InformerRegistry} bean.
 */
public final class InformerDefinitions {

	private final List<InformerSpec> specs = new ArrayList<>();

	void add(InformerSpec spec) {
		this.specs.add(spec);
	}

	/**
	 * Return every informer spec, configured ones first.
	 * @return the specs
	 */
	public List<InformerSpec> specs() {
		return List.copyOf(this.specs);
	}

}
