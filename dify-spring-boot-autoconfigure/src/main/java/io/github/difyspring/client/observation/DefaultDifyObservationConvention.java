package io.github.difyspring.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.difyspring.client.observation.DifyObservationDocumentation.LowCardinalityKeys;

/**
 * The default names and tags of Dify client observations: the observation (and its timer) is
 * {@value #NAME}, spans are named after the operation, and every tag has few values: the app's
 * name and type, the operation (method and path template), blocking or streaming, the outcome and
 * Dify's error code. No user, query, answer or id is ever a tag.
 */
public class DefaultDifyObservationConvention implements DifyObservationConvention {

    /** The name of the observation, and so of its timer. */
    public static final String NAME = "dify.client.operation";

    private static final String NONE = "none";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(DifyObservationContext context) {
        return "dify " + context.getOperation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DifyObservationContext context) {
        return KeyValues.of(app(context), appType(context), operation(context), responseMode(context), outcome(context),
                errorCode(context));
    }

    /**
     * The {@code dify.app} tag: the app's configured name.
     * @param context the operation
     * @return the tag
     */
    protected KeyValue app(DifyObservationContext context) {
        return KeyValue.of(LowCardinalityKeys.APP, context.getApp().name());
    }

    /**
     * The {@code dify.app.type} tag: {@code chat}, {@code agent}, {@code chatflow}, {@code workflow} or {@code completion}.
     * @param context the operation
     * @return the tag
     */
    protected KeyValue appType(DifyObservationContext context) {
        return KeyValue.of(LowCardinalityKeys.APP_TYPE, context.getApp().type().configName());
    }

    /**
     * The {@code dify.operation} tag: HTTP method and path template, such as {@code POST /chat-messages}.
     * @param context the operation
     * @return the tag
     */
    protected KeyValue operation(DifyObservationContext context) {
        return KeyValue.of(LowCardinalityKeys.OPERATION, context.getOperation());
    }

    /**
     * The {@code dify.response.mode} tag: {@code blocking} or {@code streaming}.
     * @param context the operation
     * @return the tag
     */
    protected KeyValue responseMode(DifyObservationContext context) {
        return KeyValue.of(LowCardinalityKeys.RESPONSE_MODE, context.isStreaming() ? "streaming" : "blocking");
    }

    /**
     * The {@code outcome} tag: {@code SUCCESS}, {@code ERROR} or {@code CANCELLED}.
     * @param context the operation
     * @return the tag
     */
    protected KeyValue outcome(DifyObservationContext context) {
        return KeyValue.of(LowCardinalityKeys.OUTCOME, context.getOutcome().name());
    }

    /**
     * The {@code dify.error.code} tag: the code of Dify's error answer or {@code error} event, or {@code none}.
     * @param context the operation
     * @return the tag
     */
    protected KeyValue errorCode(DifyObservationContext context) {
        String code = context.getErrorCode();
        return KeyValue.of(LowCardinalityKeys.ERROR_CODE, (code != null && !code.isBlank()) ? code : NONE);
    }
}
