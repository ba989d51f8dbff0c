package io.github.difyspring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of the suggested-questions answer, {@code {"result": "success", "data": [...]}},
 * read only for its list.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SuggestedQuestions(@Nullable String result, @Nullable List<String> data) {

    List<String> questions() {
        return (this.data != null) ? List.copyOf(this.data) : List.of();
    }
}
