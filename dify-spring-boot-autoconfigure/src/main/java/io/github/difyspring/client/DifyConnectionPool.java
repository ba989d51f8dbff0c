package io.github.difyspring.client;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;

/**
 * The Reactor Netty connection pool that {@link DifyClients} shares among its apps, and its live
 * figures. Connections are pooled per Dify host; a stream holds one connection (never a thread)
 * for as long as it is open, and gives it back, or closes it, when it ends or is cancelled.
 * Closing the pool closes every connection.
 *
 * <p>Connectors on the pool are made by a {@link DifyConnectorFactory}: Reactor Netty's directly, or
 * any builder that takes the pool as a Spring {@link #resourceFactory() ReactorResourceFactory}.
 * Connections with other TLS or proxy settings are kept apart from each other, each group with the
 * same limits, and all of them are counted in the figures here.
 */
public final class DifyConnectionPool implements AutoCloseable {

    private final String name;

    private final DifyPoolOptions options;

    private final ConnectionProvider provider;

    private final ReactorResourceFactory resourceFactory;

    private final AtomicBoolean closed = new AtomicBoolean();

    /** The live figures of each per-host pool, registered by Reactor Netty as the pools are made. */
    private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

    /**
     * Creates a pool. Connections are opened on demand.
     * @param name the pool's name, as Reactor Netty's logs and metrics show it
     * @param options its size, waiting limits and idle eviction
     */
    public DifyConnectionPool(String name, DifyPoolOptions options) {
        this.name = name;
        this.options = options;
        ConnectionProvider.Builder builder = ConnectionProvider.builder(name)
            .maxConnections(options.maxConnections())
            .pendingAcquireMaxCount(options.pendingAcquireMaxCount())
            .pendingAcquireTimeout(options.pendingAcquireTimeout())
            .maxIdleTime(options.maxIdleTime())
            .metrics(true, () -> new Registrar());
        if (!options.evictionInterval().isZero()) {
            builder.evictInBackground(options.evictionInterval());
        }
        this.provider = builder.build();
        this.resourceFactory = resourceFactory(this.provider);
    }

    /**
     * Hands the pool to connector builders as Spring's resource holder. The factory only holds the
     * pool: it neither starts nor disposes anything, so {@link #close()} stays the pool's only end.
     * Its event loops are Reactor Netty's global ones, which connectors made with
     * {@code HttpClient.create(provider)} use too.
     */
    private static ReactorResourceFactory resourceFactory(ConnectionProvider provider) {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setConnectionProvider(provider);
        factory.setLoopResources(new GlobalLoops());
        return factory;
    }

    /**
     * This pool as a Spring {@link ReactorResourceFactory}, for connector builders that make Reactor
     * Netty connectors on it, such as Spring Boot's
     * {@code ReactorClientHttpConnectorBuilder.withReactorResourceFactory(...)}. Connections made
     * through it are this pool's: they count in its figures and close with it. Do not start, stop or
     * destroy the factory; close the pool instead.
     * @return the pool's resource factory
     */
    public ReactorResourceFactory resourceFactory() {
        return this.resourceFactory;
    }

    /**
     * A connector on this pool for one app, with that app's connect timeout: what
     * {@link DifyConnectorFactory#pooled()} gives.
     * @param clientOptions the app's options
     * @return the connector
     */
    ClientHttpConnector connector(DifyClientOptions clientOptions) {
        Duration connectTimeout = clientOptions.connectTimeout();
        HttpClient httpClient = HttpClient.create(this.provider)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        return new ReactorClientHttpConnector(httpClient);
    }

    /**
     * The pool's name.
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The options the pool was made with.
     * @return the options
     */
    public DifyPoolOptions options() {
        return this.options;
    }

    /**
     * The most connections the pool opens to one host.
     * @return the limit
     */
    public int maxConnections() {
        return this.provider.maxConnections();
    }

    /**
     * The connections in use right now (a request or stream is on them), over all hosts.
     * @return the number of active connections
     */
    public int activeConnections() {
        return sum(ConnectionPoolMetrics::acquiredSize);
    }

    /**
     * The open connections waiting in the pool for the next request, over all hosts.
     * @return the number of idle connections
     */
    public int idleConnections() {
        return sum(ConnectionPoolMetrics::idleSize);
    }

    /**
     * The open connections, active or idle, over all hosts.
     * @return the number of open connections
     */
    public int openConnections() {
        return sum(ConnectionPoolMetrics::allocatedSize);
    }

    /**
     * The requests waiting for a connection because all are in use, over all hosts.
     * @return the number of waiting requests
     */
    public int pendingAcquires() {
        return sum(ConnectionPoolMetrics::pendingAcquireSize);
    }

    private int sum(ToIntFunction<ConnectionPoolMetrics> figure) {
        return this.pools.values().stream().mapToInt(figure).sum();
    }

    /**
     * Whether the pool has been closed.
     * @return true after {@link #close()}
     */
    public boolean isClosed() {
        return this.closed.get();
    }

    /**
     * Closes every connection and the pool; requests made afterwards fail.
     */
    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            this.provider.dispose();
        }
    }

    @Override
    public String toString() {
        return "DifyConnectionPool[name=" + this.name + ", " + this.options + ", active=" + activeConnections() + ", idle="
                + idleConnections() + ", pending=" + pendingAcquires() + "]";
    }

    /**
     * Reactor Netty's global event loops, looked up on each use rather than held, as an
     * {@code HttpClient} without {@code runOn} does: nothing reachable from the pool then leads to
     * the loops' channels and the requests on them, and the global loops are never disposed here.
     */
    private static final class GlobalLoops implements LoopResources {

        @Override
        public EventLoopGroup onServer(boolean useNative) {
            return HttpResources.get().onServer(useNative);
        }

        @Override
        public EventLoopGroup onClient(boolean useNative) {
            return HttpResources.get().onClient(useNative);
        }

        @Override
        public EventLoopGroup onServerSelect(boolean useNative) {
            return HttpResources.get().onServerSelect(useNative);
        }

        @Override
        public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
            return HttpResources.get().onChannel(channelType, group);
        }

        @Override
        public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType, EventLoopGroup group) {
            return HttpResources.get().onChannelClass(channelType, group);
        }

        @Override
        public boolean daemon() {
            return HttpResources.get().daemon();
        }

        @Override
        public void dispose() {
            // The global loops outlive the pool.
        }

        @Override
        public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> disposeLater() {
            return Mono.empty();
        }

        @Override
        public String toString() {
            return "HttpResources.get()";
        }
    }

    /**
     * Collects the figures of each per-host pool Reactor Netty makes, with no metrics library.
     */
    private final class Registrar implements ConnectionProvider.MeterRegistrar {

        @Override
        public void registerMetrics(String poolName, String id, SocketAddress remoteAddress, ConnectionPoolMetrics metrics) {
            DifyConnectionPool.this.pools.put(id + remoteAddress, metrics);
        }

        @Override
        public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
            DifyConnectionPool.this.pools.remove(id + remoteAddress);
        }
    }
}
