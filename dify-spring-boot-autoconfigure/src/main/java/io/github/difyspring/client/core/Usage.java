package io.github.difyspring.client.core;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Token usage and price of one model call, as Dify reports it in {@code metadata.usage}. Dify sends
 * prices as decimal strings; they are read as {@link BigDecimal} so no precision is lost.
 *
 * @param promptTokens tokens in the prompt
 * @param promptUnitPrice price per prompt token unit
 * @param promptPriceUnit the unit the prompt price is given in
 * @param promptPrice total prompt price
 * @param completionTokens tokens in the completion
 * @param completionUnitPrice price per completion token unit
 * @param completionPriceUnit the unit the completion price is given in
 * @param completionPrice total completion price
 * @param totalTokens prompt plus completion tokens
 * @param totalPrice the total price
 * @param currency the currency of the prices, such as {@code USD}
 * @param latency seconds the call took
 * @param timeToFirstToken seconds until the model's first token, in streamed chatflow answers
 * @param timeToGenerate seconds from the first token to the last, in streamed chatflow answers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Usage(
        @JsonProperty("prompt_tokens") @Nullable Long promptTokens,
        @JsonProperty("prompt_unit_price") @Nullable BigDecimal promptUnitPrice,
        @JsonProperty("prompt_price_unit") @Nullable BigDecimal promptPriceUnit,
        @JsonProperty("prompt_price") @Nullable BigDecimal promptPrice,
        @JsonProperty("completion_tokens") @Nullable Long completionTokens,
        @JsonProperty("completion_unit_price") @Nullable BigDecimal completionUnitPrice,
        @JsonProperty("completion_price_unit") @Nullable BigDecimal completionPriceUnit,
        @JsonProperty("completion_price") @Nullable BigDecimal completionPrice,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("total_price") @Nullable BigDecimal totalPrice,
        @Nullable String currency,
        @Nullable Double latency,
        @JsonProperty("time_to_first_token") @Nullable Double timeToFirstToken,
        @JsonProperty("time_to_generate") @Nullable Double timeToGenerate) {

    /**
     * The usage of a workflow run, which Dify reports as a total only.
     * @param totalTokens the tokens the run spent
     * @return usage with the total and nothing else
     */
    public static Usage ofTotalTokens(long totalTokens) {
        return new Usage(null, null, null, null, null, null, null, null, totalTokens, null, null, null, null, null);
    }
}
