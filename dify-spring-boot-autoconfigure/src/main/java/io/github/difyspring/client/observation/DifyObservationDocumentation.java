package io.github.difyspring.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the Dify clients make, with their tags and events.
 */
public enum DifyObservationDocumentation implements ObservationDocumentation {

    /**
     * One client operation: a blocking call from request to decoded answer, or a stream from
     * subscription to completion, error or cancellation, retries included.
     */
    OPERATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultDifyObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }

        @Override
        public Observation.Event[] getEvents() {
            return Events.values();
        }
    };

    /**
     * The low-cardinality tags of {@link #OPERATION}.
     */
    public enum LowCardinalityKeys implements KeyName {

        /** The app's configured name. */
        APP {
            @Override
            public String asString() {
                return "dify.app";
            }
        },

        /** The app's type. */
        APP_TYPE {
            @Override
            public String asString() {
                return "dify.app.type";
            }
        },

        /** HTTP method and path template. */
        OPERATION {
            @Override
            public String asString() {
                return "dify.operation";
            }
        },

        /** {@code blocking} or {@code streaming}. */
        RESPONSE_MODE {
            @Override
            public String asString() {
                return "dify.response.mode";
            }
        },

        /** {@code SUCCESS}, {@code ERROR} or {@code CANCELLED}. */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },

        /** Dify's error code, or {@code none}. */
        ERROR_CODE {
            @Override
            public String asString() {
                return "dify.error.code";
            }
        }
    }

    /**
     * The events of {@link #OPERATION}.
     */
    public enum Events implements Observation.Event {

        /** A stream delivered its first event. */
        FIRST_EVENT {
            @Override
            public String getName() {
                return "first.event";
            }
        }
    }
}
