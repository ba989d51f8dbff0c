package io.github.difyspring.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;

import static io.github.difyspring.test.ScriptedKnowledgeBase.cast;
import static io.github.difyspring.test.ScriptedKnowledgeBase.ordered;

/**
 * Reads the Knowledge API's requests as Dify 1.14.2 does: its pydantic payload and query models
 * ({@code DatasetCreatePayload}, {@code DocumentTextCreatePayload}, {@code KnowledgeConfig},
 * {@code RetrievalModel}, {@code HitTestingPayload}, the list queries), the checks of
 * {@code DocumentService.process_rule_args_validate}, and Flask-SQLAlchemy's paging. A failed check
 * is a {@link DifyError} with Dify's status, code and message: a pydantic error is
 * {@code 400 invalid_param} with the first lines of its text (see {@link ScriptedKnowledge}).
 */
final class KnowledgeRequests {

    static final List<String> DOC_FORMS = List.of("text_model", "qa_model", "hierarchical_model");

    static final List<String> PERMISSIONS = List.of("only_me", "all_team_members", "partial_members");

    static final List<String> SEARCH_METHODS = List.of("semantic_search", "full_text_search", "hybrid_search", "keyword_search");

    static final List<String> TECHNIQUES = List.of("high_quality", "economy");

    static final List<String> PROCESS_RULE_MODES = List.of("automatic", "custom", "hierarchical");

    private KnowledgeRequests() {
    }

    /** {@code KnowledgeConfig.indexing_technique}: required, {@code high_quality} or {@code economy}. */
    static String knowledgeConfigTechnique(@Nullable String technique) {
        if (technique == null) {
            throw validation("KnowledgeConfig", "indexing_technique", "Field required", "missing");
        }
        if (!TECHNIQUES.contains(technique)) {
            throw validation("KnowledgeConfig", "indexing_technique", "Input should be 'high_quality' or 'economy'", "literal_error");
        }
        return technique;
    }

    static String docForm(@Nullable Object value, String model, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String form)) {
            throw validation(model, "doc_form", "Input should be a valid string", "string_type");
        }
        if (!DOC_FORMS.contains(form)) {
            throw validation(model, "doc_form", "Value error, Invalid doc_form.", "value_error");
        }
        return form;
    }

    /** {@code ProcessRule}, then {@code DocumentService.process_rule_args_validate}. */
    static @Nullable Map<String, Object> processRule(@Nullable Object value, String model) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw validation(model, "process_rule", "Input should be a valid dictionary or instance of ProcessRule", "model_type");
        }
        Map<String, Object> rule = cast(map);
        String mode = literal(rule, "mode", model, PROCESS_RULE_MODES, "enum", "process_rule.");
        if (mode == null) {
            throw validation(model, "process_rule.mode", "Field required", "missing");
        }
        if (mode.equals("automatic")) {
            return ordered("mode", mode, "rules", null);
        }
        if (!(rule.get("rules") instanceof Map<?, ?> rulesMap)) {
            throw invalidParam("Process rule rules is required");
        }
        Map<String, Object> rules = cast(rulesMap);
        if (!(rules.get("pre_processing_rules") instanceof List<?> preProcessing)) {
            throw invalidParam("Process rule pre_processing_rules is required");
        }
        if (!(rules.get("segmentation") instanceof Map<?, ?> segmentation)) {
            throw invalidParam("Process rule segmentation is required");
        }
        if (!(segmentation.get("separator") instanceof String separator) || separator.isEmpty()) {
            throw invalidParam("Process rule segmentation separator is required");
        }
        String parentMode = (rules.get("parent_mode") instanceof String given) ? given : mode.equals("hierarchical") ? "paragraph" : null;
        Integer maxTokens = integer(segmentation.get("max_tokens"));
        if (!(mode.equals("hierarchical") && "full-doc".equals(parentMode)) && (maxTokens == null || maxTokens == 0)) {
            throw invalidParam("Process rule segmentation max_tokens is required");
        }
        Map<String, Object> deduplicated = new LinkedHashMap<>();
        preProcessing.forEach((entry) -> {
            if (entry instanceof Map<?, ?> item && item.get("id") instanceof String id) {
                deduplicated.put(id, ordered("id", id, "enabled", item.get("enabled")));
            }
        });
        Integer overlap = integer(segmentation.get("chunk_overlap"));
        return ordered("mode", mode, "rules", ordered("pre_processing_rules", new ArrayList<>(deduplicated.values()), "segmentation",
                ordered("separator", separator, "max_tokens", maxTokens, "chunk_overlap", (overlap != null) ? overlap : 0), "parent_mode",
                parentMode, "subchunk_segmentation", rules.get("subchunk_segmentation")));
    }

    /** {@code RetrievalModel}, as pydantic checks it and {@code model_dump()} stores it. */
    static @Nullable Map<String, Object> retrievalModel(@Nullable Object value, String model, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw validation(model, field, "Input should be a valid dictionary or instance of RetrievalModel", "model_type");
        }
        Map<String, Object> given = cast(map);
        String method = literal(given, "search_method", model, SEARCH_METHODS, "enum", field + ".");
        if (method == null) {
            throw validation(model, field + ".search_method", "Field required", "missing");
        }
        Boolean reranking = requiredBool(given, "reranking_enable", model, field);
        Integer topK = integer(given.get("top_k"));
        if (topK == null) {
            throw validation(model, field + ".top_k", given.containsKey("top_k") ? "Input should be a valid integer" : "Field required",
                    given.containsKey("top_k") ? "int_type" : "missing");
        }
        Boolean thresholdEnabled = requiredBool(given, "score_threshold_enabled", model, field);
        Object threshold = given.get("score_threshold");
        if (threshold != null && !(threshold instanceof Number)) {
            throw validation(model, field + ".score_threshold", "Input should be a valid number", "float_type");
        }
        return ordered("search_method", method, "reranking_enable", reranking, "reranking_model", given.get("reranking_model"),
                "reranking_mode", given.get("reranking_mode"), "top_k", topK, "score_threshold_enabled", thresholdEnabled,
                "score_threshold", (threshold != null) ? ((Number) threshold).doubleValue() : null, "weights", given.get("weights"),
                "metadata_filtering_conditions", given.get("metadata_filtering_conditions"));
    }

    static Boolean requiredBool(Map<String, Object> body, String name, String model, String prefix) {
        Object value = body.get(name);
        if (value instanceof Boolean bool) {
            return bool;
        }
        boolean missing = value == null && !body.containsKey(name);
        throw validation(model, prefix + "." + name, missing ? "Field required" : "Input should be a valid boolean",
                missing ? "missing" : "bool_type");
    }

    static @Nullable String string(Map<String, Object> body, String name, String model, boolean required, int min, int max) {
        Object value = body.get(name);
        if (value == null) {
            if (required) {
                throw validation(model, name, body.containsKey(name) ? "Input should be a valid string" : "Field required",
                        body.containsKey(name) ? "string_type" : "missing");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw validation(model, name, "Input should be a valid string", "string_type");
        }
        int length = text.codePointCount(0, text.length());
        if (length < min) {
            String characters = (min == 1) ? " character" : " characters";
            throw validation(model, name, "String should have at least " + min + characters, "string_too_short");
        }
        if (length > max) {
            throw validation(model, name, "String should have at most " + max + " characters", "string_too_long");
        }
        return text;
    }

    static @Nullable String literal(Map<String, Object> body, String name, String model, List<String> allowed, String type) {
        return literal(body, name, model, allowed, type, "");
    }

    static @Nullable String literal(Map<String, Object> body, String name, String model, List<String> allowed, String type,
            String prefix) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || !allowed.contains(text)) {
            List<String> quoted = allowed.stream().map((option) -> "'" + option + "'").toList();
            String options = String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
            throw validation(model, prefix + name, "Input should be " + options, type);
        }
        return text;
    }

    static @Nullable Map<String, Object> dict(Map<String, Object> body, String name, String model) {
        Object value = body.get(name);
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw validation(model, name, "Input should be a valid dictionary", "dict_type");
        }
        return (value != null) ? cast((Map<?, ?>) value) : null;
    }

    static @Nullable Integer integer(@Nullable Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).intValue();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        return null;
    }

    static boolean bool(String value, String model, String name) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (Set.of("true", "1", "yes", "on", "t", "y").contains(text)) {
            return true;
        }
        if (Set.of("false", "0", "no", "off", "f", "n").contains(text)) {
            return false;
        }
        throw validation(model, name, "Input should be a valid boolean, unable to interpret input", "bool_parsing");
    }

    static int lenientInt(ServerRequest request, String name, int fallback) {
        try {
            return Integer.parseInt(request.queryParam(name).orElse(Integer.toString(fallback)).strip());
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** A pydantic {@code ValidationError}'s text, from its first lines. */
    static DifyError validation(String model, String field, String problem, String type) {
        return invalidParam("1 validation error for " + model + "\n" + field + "\n  " + problem + " [type=" + type + "]");
    }

    static DifyError invalidParam(String message) {
        return new DifyError(HttpStatus.BAD_REQUEST, "invalid_param", message);
    }

    static DifyError notFound(String message) {
        return new DifyError(HttpStatus.NOT_FOUND, "not_found", message);
    }

    /**
     * A listing's page as Flask-SQLAlchemy's {@code paginate(max_per_page=100, error_out=False)}
     * takes it: a page or limit below 1 is read as 1 or 20 but echoed as sent; the limit is capped
     * at 100 but echoed as sent; {@code has_more} compares the items with the limit sent.
     */
    record Paging(int page, int limit) {

        static Paging of(ServerRequest request, String model) {
            return new Paging(query(request, "page", 1, model), query(request, "limit", 20, model));
        }

        private static int query(ServerRequest request, String name, int fallback, String model) {
            String value = request.queryParam(name).orElse(null);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.strip());
            }
            catch (NumberFormatException ex) {
                throw validation(model, name, "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
            }
        }

        <T> List<T> of(List<T> all) {
            int size = (this.limit < 1) ? 20 : Math.min(this.limit, 100);
            long from = (Math.max(this.page, 1) - 1L) * size;
            return all.stream().skip(from).limit(size).toList();
        }

        Map<String, Object> answer(List<Map<String, Object>> data, int total) {
            return ordered("data", data, "has_more", data.size() == this.limit, "limit", this.limit, "total", total, "page", this.page);
        }
    }

    /** An error answer a handler raises, as Dify raises its exceptions. */
    static final class DifyError extends RuntimeException {

        final HttpStatus status;

        final String code;

        DifyError(HttpStatus status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
