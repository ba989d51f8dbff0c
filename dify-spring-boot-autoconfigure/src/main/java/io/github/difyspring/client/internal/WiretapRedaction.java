package io.github.difyspring.client.internal;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.logging.ByteBufFormat;
import io.netty.handler.logging.LoggingHandler;
import io.netty.util.internal.logging.InternalLogger;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

import org.springframework.util.ClassUtils;

/**
 * Keeps the API key out of Reactor Netty's wiretap. A wiretap ({@code HttpClient.wiretap(true)})
 * logs every byte a connection writes, the {@code Authorization} header included; before a Dify
 * request is written, its connection's logging handler is swapped for one that masks the value
 * of that header in what it logs, and only in what it logs. Loaded only when Reactor Netty is
 * present.
 */
final class WiretapRedaction {

    private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
            WiretapRedaction.class.getClassLoader());

    private WiretapRedaction() {
    }

    /**
     * Makes the wiretap of the connection behind a request, if any, mask credentials.
     * @param nativeRequest the HTTP library's own request object
     */
    static void apply(@Nullable Object nativeRequest) {
        if (REACTOR_NETTY_PRESENT && nativeRequest != null) {
            ReactorNetty.apply(nativeRequest);
        }
    }

    /** The Reactor Netty part, in its own class so that nothing loads Netty when it is absent. */
    private static final class ReactorNetty {

        static void apply(Object nativeRequest) {
            if (!(nativeRequest instanceof Connection connection)) {
                return;
            }
            ChannelPipeline pipeline = connection.channel().pipeline();
            ChannelHandler handler = pipeline.get(NettyPipeline.LoggingHandler);
            if (handler == null || handler instanceof RedactingLoggingHandler) {
                return;
            }
            ChannelHandler replacement = null;
            try {
                replacement = (handler instanceof LoggingHandler wiretap) ? new RedactingLoggingHandler(wiretap) : null;
            }
            catch (RuntimeException ex) {
                // cannot imitate this wiretap: removed below
            }
            // A wiretap that cannot be made to mask the key is taken off the connection: no log
            // rather than a leaked key.
            if (replacement != null) {
                pipeline.replace(NettyPipeline.LoggingHandler, NettyPipeline.LoggingHandler, replacement);
            }
            else {
                pipeline.remove(NettyPipeline.LoggingHandler);
            }
        }
    }

    /**
     * Logs like the wiretap it replaces (same category and level; content as a hex dump, as text
     * for a textual wiretap, or not at all for a simple one), with the value of every
     * {@code Authorization} header masked.
     */
    static final class RedactingLoggingHandler extends LoggingHandler {

        private static final byte[] HEADER = "authorization:".getBytes(StandardCharsets.US_ASCII);

        private final boolean textual;

        RedactingLoggingHandler(LoggingHandler original) {
            this(original, formatOf(original));
        }

        private RedactingLoggingHandler(LoggingHandler original, @Nullable ByteBufFormat format) {
            super(categoryOf(original), original.level(), (format != null) ? format : ByteBufFormat.HEX_DUMP);
            this.textual = (format == null);
        }

        /** The content format of a wiretap, or {@code null} for Reactor Netty's textual one, which has none. */
        private static @Nullable ByteBufFormat formatOf(LoggingHandler original) {
            try {
                return (original.byteBufFormat() == ByteBufFormat.SIMPLE) ? ByteBufFormat.SIMPLE : ByteBufFormat.HEX_DUMP;
            }
            catch (UnsupportedOperationException ex) {
                return null;
            }
        }

        private static String categoryOf(LoggingHandler original) {
            try {
                Field field = LoggingHandler.class.getDeclaredField("logger");
                field.setAccessible(true);
                return ((InternalLogger) field.get(original)).name();
            }
            catch (ReflectiveOperationException | RuntimeException ex) {
                return "reactor.netty.http.client.HttpClient";
            }
        }

        @Override
        protected String format(ChannelHandlerContext ctx, String eventName, Object arg) {
            if (arg instanceof ByteBuf buffer) {
                ByteBuf masked = mask(buffer);
                try {
                    return this.textual ? ctx.channel() + " " + eventName + ": " + masked.readableBytes() + "B "
                            + masked.toString(StandardCharsets.UTF_8) : super.format(ctx, eventName, masked);
                }
                finally {
                    if (masked != buffer) {
                        masked.release();
                    }
                }
            }
            if (arg instanceof ByteBufHolder holder) {
                ByteBuf masked = mask(holder.content());
                try {
                    return super.format(ctx, eventName, masked);
                }
                finally {
                    if (masked != holder.content()) {
                        masked.release();
                    }
                }
            }
            return super.format(ctx, eventName, arg);
        }

        /**
         * A copy of the buffer with every Authorization header value replaced by asterisks, or the
         * buffer itself when it has none.
         */
        static ByteBuf mask(ByteBuf buffer) {
            int start = buffer.readerIndex();
            int end = buffer.writerIndex();
            ByteBuf copy = null;
            for (int i = start; i <= end - HEADER.length; i++) {
                if (!startsWithHeader(buffer, i)) {
                    continue;
                }
                if (copy == null) {
                    copy = buffer.copy(start, end - start);
                }
                for (int j = i + HEADER.length; j < end; j++) {
                    byte b = buffer.getByte(j);
                    if (b == '\r' || b == '\n') {
                        break;
                    }
                    if (b != ' ') {
                        copy.setByte(j - start, '*');
                    }
                }
            }
            return (copy != null) ? copy : buffer;
        }

        private static boolean startsWithHeader(ByteBuf buffer, int index) {
            for (int k = 0; k < HEADER.length; k++) {
                int b = buffer.getByte(index + k);
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != HEADER[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
