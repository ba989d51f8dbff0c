package io.github.difyspring.client.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger (and those below it) logs through Logback, at the level asked, and
 * puts the levels back when closed.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;

    private final Level previousLevel;

    private final boolean previousAdditive;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.previousLevel = this.logger.getLevel();
        this.previousAdditive = this.logger.isAdditive();
        this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        this.appender.start();
        this.logger.addAppender(this.appender);
        this.logger.setLevel(level);
    }

    /**
     * Starts capturing.
     * @param name the logger, such as {@code io.github.difyspring}, or {@code Logger.ROOT_LOGGER_NAME}
     * @param level the level to capture from
     * @return the capture, to close
     */
    public static LogCapture of(String name, Level level) {
        return new LogCapture(name, level);
    }

    /**
     * The events captured so far.
     * @return a copy of them
     */
    public synchronized List<ILoggingEvent> events() {
        synchronized (this.appender) {
            return new ArrayList<>(this.appender.list);
        }
    }

    /**
     * Every captured event as one text: logger, level, message and the full stack trace of its
     * exception, if any.
     * @return one line (or more, with a stack trace) per event
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getLevel()).append(' ')
                .append(event.getFormattedMessage());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(thrown));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The messages of one logger's events.
     * @param loggerName the exact logger name
     * @return the formatted messages
     */
    public List<String> messagesOf(String loggerName) {
        return events().stream().filter((event) -> event.getLoggerName().equals(loggerName)).map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    /** Forgets what was captured so far. */
    public void clear() {
        synchronized (this.appender) {
            this.appender.list.clear();
        }
    }

    static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.logger.setLevel(this.previousLevel);
        this.logger.setAdditive(this.previousAdditive);
        this.appender.stop();
    }
}
