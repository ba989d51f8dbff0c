package io.github.difyspring.client.core;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One page of a page-numbered listing (feedbacks, annotations, workflow logs).
 *
 * @param <T> the item type
 * @param data the items; empty, never null, and without the {@code null} items some servers send
 * @param hasMore whether another page follows, or {@code null} when the server does not say (the
 * feedback listing never does)
 * @param limit the page size the server used
 * @param total how many items there are in all, when the server says
 * @param page this page's number, from 1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NumberedPage<T>(List<T> data, @JsonProperty("has_more") @Nullable Boolean hasMore, @Nullable Integer limit,
        @Nullable Integer total, @Nullable Integer page) {

    /** Reads a missing or {@code null} list as empty and drops {@code null} items. */
    public NumberedPage {
        data = (data != null) ? data.stream().filter(Objects::nonNull).toList() : List.of();
    }
}
