package io.github.difyspring.client.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

import io.github.difyspring.client.core.DifyApp;

/**
 * Builds one app's {@link WebClient} and turns each {@link DifyCall} into a request on it: method,
 * encoded path and query, JSON or multipart body, the trace id, the URI template the WebClient's own
 * observation reports, and the API key.
 *
 * <p>The key is added to each request only as it is written to the connection, after every filter
 * and after the WebClient's own logging: neither a filter nor
 * {@code spring.http.codecs.log-request-details} can see it, and a Reactor Netty wiretap logs it masked.
 */
final class RequestFactory {

    private static final Log logger = LogFactory.getLog(RequestFactory.class);

    private static final String TRACE_ID_HEADER = "X-Trace-Id";

    /**
     * The request attribute the WebClient's own observation reads the URI template from, for the
     * {@code uri} tag of {@code http.client.requests}. The WebClient sets it only for a URI given as
     * a template string; requests built here set it themselves, to base path and path template.
     */
    private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private final String authorization;

    /** The app's base URL without a trailing slash: the start of every request's URI template. */
    private final String uriTemplateBase;

    private final WebClient webClient;

    /** Expands paths against the base URL as the WebClient's base URL would. */
    private final UriBuilderFactory uriBuilderFactory = new DefaultUriBuilderFactory();

    /** The URIs of the paths that have neither variables nor a query, expanded once. */
    private final Map<String, URI> fixedUris = new ConcurrentHashMap<>();

    /** The URI template of each path, for the metrics' {@code uri} tag. */
    private final Map<String, String> uriTemplates = new ConcurrentHashMap<>();

    /** The largest body or stream event read into memory: the app's limit, or the codecs' when larger. */
    private final int maxInMemorySize;

    /**
     * Builds the app's WebClient from a clone of the builder, so the caller's stays as it was; its
     * codecs, filters and connector are kept.
     * @param app the app
     * @param builder the builder to start from
     * @param innermost a filter that runs last, next to the network
     */
    RequestFactory(DifyApp app, WebClient.Builder builder, ExchangeFilterFunction innermost) {
        this.authorization = "Bearer " + app.apiKey();
        this.uriTemplateBase = app.baseUrl().toString().replaceAll("/+$", "");
        int wanted = app.options().maxInMemorySize();
        AtomicInteger limit = new AtomicInteger(wanted);
        this.webClient = builder.clone()
            .codecs((codecs) -> {
                // Dify events and answers (workflow outputs, TTS audio chunks) outgrow the 256 KiB
                // codec default; an application setting that is larger still wins.
                Integer configured = (codecs.defaultCodecs() instanceof CodecConfigurer.DefaultCodecConfig config)
                        ? config.maxInMemorySize() : null;
                if (configured == null || configured < wanted) {
                    codecs.defaultCodecs().maxInMemorySize(wanted);
                    configured = wanted;
                }
                limit.set(configured);
            })
            .filter(innermost)
            .build();
        this.maxInMemorySize = limit.get();
    }

    /**
     * The URI of a call. A path without variables and without a query (a generation, say) is
     * expanded once and kept.
     */
    private URI uri(DifyCall call) {
        if (call.pathVariables().isEmpty() && call.query().isEmpty()) {
            return this.fixedUris.computeIfAbsent(call.path(), (path) -> expand(call));
        }
        return expand(call);
    }

    private URI expand(DifyCall call) {
        // Query values go in as template variables, so they are encoded whole and a '{' in a
        // keyword is not mistaken for a template.
        Map<String, Object> variables = new LinkedHashMap<>(call.pathVariables());
        UriBuilder uri = this.uriBuilderFactory.uriString(this.uriTemplateBase).path(call.path());
        call.query().forEach((name, values) -> {
            for (String value : values) {
                String variable = "query" + variables.size();
                variables.put(variable, value);
                uri.queryParam(name, "{" + variable + "}");
            }
        });
        return uri.build(variables);
    }

    int maxInMemorySize() {
        return this.maxInMemorySize;
    }

    /**
     * The request of a call, ready to exchange.
     * @param call the call
     * @return the request
     */
    WebClient.RequestBodySpec request(DifyCall call) {
        WebClient.RequestBodySpec spec = this.webClient.method(call.method()).uri(uri(call));
        spec.attribute(URI_TEMPLATE_ATTRIBUTE, this.uriTemplates.computeIfAbsent(call.path(), (path) -> this.uriTemplateBase + path));
        // The key joins the request only as it is written, past the filters and the WebClient's logging.
        spec.httpRequest((httpRequest) -> {
            httpRequest.getHeaders().set(HttpHeaders.AUTHORIZATION, this.authorization);
            try {
                WiretapRedaction.apply(httpRequest.getNativeRequest());
            }
            catch (RuntimeException ex) {
                logger.trace("Could not check the connection's wiretap", ex);
            }
        });
        if (call.traceId() != null) {
            spec.header(TRACE_ID_HEADER, call.traceId());
        }
        if (call.jsonBody() != null) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.jsonBody());
        }
        else if (call.multipartBody() != null) {
            spec.body(BodyInserters.fromMultipartData(call.multipartBody().build()));
        }
        return spec;
    }
}
