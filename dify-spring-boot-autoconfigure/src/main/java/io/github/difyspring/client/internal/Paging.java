package io.github.difyspring.client.internal;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.core.NumberedPage;

/**
 * Turns a paged listing into a {@link Flux} of its items that fetches a page only when its items
 * are wanted, so {@code take(n)} reads only the pages it needs. Not meant to be used directly.
 */
public final class Paging {

    private Paging() {
    }

    /**
     * Streams the items of a paged listing.
     * @param <P> the page type
     * @param <T> the item type
     * @param first fetches the first page
     * @param next fetches the page after the given one, or gives an empty {@code Mono} after the last
     * @param items the items of a page
     * @return the items of every page, in order
     */
    public static <P, T> Flux<T> items(Mono<P> first, Function<P, Mono<P>> next, Function<P, List<T>> items) {
        // A prefetch of one page: the next page is fetched only once this one's items are consumed.
        return first.expand(next).concatMapIterable(items, 1);
    }

    /**
     * Streams the items of a page-numbered listing, fetching page after page as they are
     * consumed. A page is followed by another while the total Dify sends (if any) is not reached,
     * else while {@code has_more} says so, else (listings that send neither) while pages are full;
     * an empty page always ends the listing, so a server that claims more forever cannot loop it.
     * @param <T> the item type
     * @param firstPage the number of the first page to fetch, from 1
     * @param pageSize the page size asked for
     * @param fetch fetches a page by number
     * @return the items of every page, in order
     */
    public static <T> Flux<T> numberedPages(int firstPage, int pageSize, IntFunction<Mono<NumberedPage<T>>> fetch) {
        return items(fetch.apply(firstPage).map((page) -> new PageAt<>(firstPage, page)),
                (current) -> current.hasNext(pageSize)
                        ? fetch.apply(current.number() + 1).map((page) -> new PageAt<>(current.number() + 1, page))
                        : Mono.empty(),
                (current) -> current.page().data());
    }

    /** A page with the number it was asked for, as the server may leave its own out. */
    private record PageAt<T>(int number, NumberedPage<T> page) {

        boolean hasNext(int pageSize) {
            if (this.page.data().isEmpty()) {
                return false;
            }
            Integer sentLimit = this.page.limit();
            int limit = (sentLimit != null && sentLimit > 0) ? sentLimit : pageSize;
            if (this.page.total() != null) {
                return (long) this.number * limit < this.page.total();
            }
            if (this.page.hasMore() != null) {
                return this.page.hasMore();
            }
            return this.page.data().size() >= limit;
        }
    }
}
