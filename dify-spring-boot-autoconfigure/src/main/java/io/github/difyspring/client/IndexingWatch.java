package io.github.difyspring.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.error.DifyIndexingException;
import io.github.difyspring.client.error.DifyIndexingTimeoutException;
import io.github.difyspring.client.knowledge.IndexingStatus;

/**
 * The polling behind {@link KnowledgeDocuments#watchIndexing(String)} and
 * {@link KnowledgeDocuments#awaitIndexing(String, Duration)}: when to poll again, when to stop,
 * and what to report.
 */
final class IndexingWatch {

    /** The first wait between two polls; it doubles up to {@link #MAX_POLL_DELAY}. */
    private static final Duration FIRST_POLL_DELAY = Duration.ofMillis(500);

    private static final Duration MAX_POLL_DELAY = Duration.ofSeconds(5);

    private final String appName;

    private final String operation;

    private IndexingWatch(String appName, String operation) {
        this.appName = appName;
        this.operation = operation;
    }

    /**
     * @param appName the entry, named in the exceptions
     * @param operation the polled request, such as {@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}
     */
    static IndexingWatch of(String appName, String operation) {
        return new IndexingWatch(appName, operation);
    }

    /**
     * Polls until every document is completed (then completes) or one is in error (then fails),
     * emitting each poll's statuses, the last one included.
     */
    Flux<List<IndexingStatus>> watch(String batch, Mono<List<IndexingStatus>> poll) {
        return Flux.defer(() -> {
            AtomicInteger polls = new AtomicInteger();
            return poll.repeatWhen((done) -> done.concatMap((ignored) -> Mono.delay(pollDelay(polls.getAndIncrement()))))
                .<List<IndexingStatus>>handle((statuses, sink) -> {
                    sink.next(statuses);
                    IndexingStatus failed = statuses.stream().filter(IndexingStatus::isFailed).findFirst().orElse(null);
                    if (failed != null) {
                        sink.error(new DifyIndexingException(this.appName, batch, failed.id(), failed.error()));
                    }
                    else if (statuses.stream().allMatch(IndexingStatus::isCompleted)) {
                        sink.complete();
                    }
                });
        });
    }

    /** The last statuses of a watch, or a timeout naming the documents still unfinished. */
    Mono<List<IndexingStatus>> await(String batch, Duration timeout, Flux<List<IndexingStatus>> watch) {
        return Mono.defer(() -> {
            AtomicReference<List<IndexingStatus>> last = new AtomicReference<>(List.of());
            return watch.doOnNext(last::set)
                .last()
                .timeout(timeout, Mono.defer(() -> Mono.<List<IndexingStatus>>error(
                        new DifyIndexingTimeoutException(this.appName, this.operation, batch, timeout, unfinished(last.get())))));
        });
    }

    static Duration pollDelay(int poll) {
        Duration delay = FIRST_POLL_DELAY.multipliedBy(1L << Math.min(poll, 10));
        return (delay.compareTo(MAX_POLL_DELAY) < 0) ? delay : MAX_POLL_DELAY;
    }

    private static String unfinished(List<IndexingStatus> statuses) {
        if (statuses.isEmpty()) {
            return "no status read yet";
        }
        return statuses.stream()
            .filter((status) -> !status.isCompleted())
            .map((status) -> status.id() + " (" + status.state() + ", " + status.completedSegments() + "/" + status.totalSegments()
                    + " chunks)")
            .collect(Collectors.joining(", "));
    }
}
