package io.github.difyspring.client.core;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paged listing (conversations, messages, conversation variables): the next
 * page is asked for with the id of an item of this one.
 *
 * @param <T> the item type
 * @param data the items; empty, never null, and without the {@code null} items some servers send
 * @param hasMore whether another page follows; false when the server does not say
 * @param limit the page size the server used
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CursorPage<T>(List<T> data, @JsonProperty("has_more") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean hasMore, @Nullable Integer limit) {

    /** Reads a missing or {@code null} list as empty and drops {@code null} items. */
    public CursorPage {
        data = (data != null) ? data.stream().filter(Objects::nonNull).toList() : List.of();
    }
}
