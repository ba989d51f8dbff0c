package io.github.difyspring.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.difyspring.client.core.NumberedPage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paged listings fetch a page only when the subscriber wants its items.
 */
class PagingTests {

    private final List<Integer> fetched = new ArrayList<>();

    private Mono<NumberedPage<Integer>> page(int number) {
        return Mono.fromSupplier(() -> {
            this.fetched.add(number);
            List<Integer> items = IntStream.range((number - 1) * 10, number * 10).boxed().toList();
            return new NumberedPage<>(items, number < 50, 10, null, number);
        });
    }

    @Test
    void aSlowSubscriberCausesAtMostOnePageAhead() {
        StepVerifier.create(Paging.numberedPages(1, 10, this::page), 0)
            .thenRequest(1)
            .expectNext(0)
            .then(() -> assertThat(this.fetched).containsExactly(1))
            .thenRequest(10)
            .expectNextCount(10)
            .then(() -> assertThat(this.fetched).hasSizeLessThanOrEqualTo(3))
            .thenCancel()
            .verify();
    }

    @Test
    void takeReadsOnlyThePagesItNeeds() {
        List<Integer> items = Paging.numberedPages(1, 10, this::page).take(25).collectList().block();
        assertThat(items).hasSize(25).startsWith(0, 1, 2).endsWith(24);
        assertThat(this.fetched).containsExactly(1, 2, 3);
    }

    @Test
    void theListingEndsWhenTheServerSaysSoOrAPageIsEmpty() {
        assertThat(Paging.numberedPages(1, 10, this::page).count().block()).isEqualTo(500);
        AtomicInteger calls = new AtomicInteger();
        // A server that claims more forever but sends nothing must not loop.
        assertThat(Paging.numberedPages(1, 10, (number) -> {
            calls.incrementAndGet();
            return Mono.just(new NumberedPage<Integer>(List.of(), true, 10, null, number));
        }).count().block()).isZero();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTotalEndsTheListingEvenWithoutHasMore() {
        List<Integer> items = Paging.numberedPages(1, 10, (number) -> {
            this.fetched.add(number);
            return Mono.just(new NumberedPage<>(List.of(number, number), false, 2, 5, null));
        }).collectList().block();
        assertThat(items).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(this.fetched).containsExactly(1, 2, 3);
    }
}
