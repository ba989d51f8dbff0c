package io.github.difyspring.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of Dify client operations. Declare a bean of this type (or
 * pass one to the clients) to replace {@link DefaultDifyObservationConvention}, or extend that
 * class to add tags of your own.
 */
public interface DifyObservationConvention extends ObservationConvention<DifyObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof DifyObservationContext;
    }
}
