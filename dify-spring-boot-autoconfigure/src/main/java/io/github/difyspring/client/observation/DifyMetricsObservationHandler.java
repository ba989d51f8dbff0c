package io.github.difyspring.client.observation;

import java.math.BigDecimal;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.observation.DifyObservationDocumentation.LowCardinalityKeys;

/**
 * Turns the observations of Dify client operations into the meters an operator of an LLM-backed
 * service asks for, next to the operation timer every meter handler makes:
 * <ul>
 * <li>{@value #TIME_TO_FIRST_EVENT}: a timer of how long streams take to deliver their first event
 * (tags {@code dify.app}, {@code dify.app.type}, {@code dify.operation});</li>
 * <li>{@value #TOKENS}: a counter of the tokens Dify reports at the end of a message or workflow
 * run (tags {@code dify.app}, {@code dify.app.type}, {@code dify.token.type}: {@code prompt},
 * {@code completion} or {@code total}; workflow runs report a total only);</li>
 * <li>{@value #PRICE}: a counter of the price Dify reports, in its currency (tags {@code dify.app},
 * {@code dify.app.type}, {@code currency}).</li>
 * </ul>
 * Usage is counted once per call, when its observation stops, whatever the outcome: tokens
 * reported before a stream failed or was cancelled were spent.
 */
public class DifyMetricsObservationHandler implements ObservationHandler<DifyObservationContext> {

    /** The name of the time-to-first-event timer. */
    public static final String TIME_TO_FIRST_EVENT = "dify.client.time.to.first.event";

    /** The name of the token counter. */
    public static final String TOKENS = "dify.client.tokens";

    /** The name of the price counter. */
    public static final String PRICE = "dify.client.price";

    private final MeterRegistry registry;

    /**
     * Creates the handler.
     * @param registry where the meters go
     */
    public DifyMetricsObservationHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof DifyObservationContext;
    }

    @Override
    public void onEvent(Observation.Event event, DifyObservationContext context) {
        Duration timeToFirstEvent = context.getTimeToFirstEvent();
        if (DifyObservationDocumentation.Events.FIRST_EVENT.getName().equals(event.getName()) && timeToFirstEvent != null) {
            Timer.builder(TIME_TO_FIRST_EVENT)
                .description("Time from the start of a Dify stream to its first event")
                .tags(appTags(context).and(LowCardinalityKeys.OPERATION.asString(), context.getOperation()))
                .register(this.registry)
                .record(timeToFirstEvent);
        }
    }

    @Override
    public void onStop(DifyObservationContext context) {
        Usage usage = context.getUsage();
        if (usage == null) {
            return;
        }
        Tags tags = appTags(context);
        countTokens(tags, "prompt", usage.promptTokens());
        countTokens(tags, "completion", usage.completionTokens());
        countTokens(tags, "total", usage.totalTokens());
        BigDecimal price = usage.totalPrice();
        if (price != null && price.signum() >= 0) {
            String currency = (usage.currency() != null && !usage.currency().isBlank()) ? usage.currency() : "unknown";
            Counter.builder(PRICE)
                .description("Price of the Dify calls, as Dify reports it, in its currency")
                .tags(tags.and("currency", currency))
                .register(this.registry)
                .increment(price.doubleValue());
        }
    }

    private void countTokens(Tags tags, String type, @Nullable Long tokens) {
        if (tokens != null && tokens >= 0) {
            Counter.builder(TOKENS)
                .description("Tokens the Dify calls spent, as Dify reports them")
                .baseUnit("tokens")
                .tags(tags.and("dify.token.type", type))
                .register(this.registry)
                .increment(tokens);
        }
    }

    private static Tags appTags(DifyObservationContext context) {
        return Tags.of(LowCardinalityKeys.APP.asString(), context.getApp().name(), LowCardinalityKeys.APP_TYPE.asString(),
                context.getApp().type().configName());
    }
}
