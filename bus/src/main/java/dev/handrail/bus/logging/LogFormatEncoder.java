package dev.handrail.bus.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The services' log encoder: one JSON object per line (logback's {@link JsonEncoder}: time, level,
 * thread, logger, MDC, message, exception) when {@code format} is {@code json}, otherwise text
 * with the date, time and offset, and the MDC (the action a line is about, {@link LogContext})
 * when there is one. Set from {@code HANDRAIL_LOG_FORMAT} in each service's {@code logback.xml};
 * a value that is neither is reported once on standard error and text is written.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

    /** The text layout: ISO date and time with offset, level, thread, logger, the MDC if any, message. */
    public static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSZZZZZ} %-5level [%thread] %logger{24}"
            + "%replace( {%mdc}){' \\{\\}', ''} - %msg%n";

    private String format = "text";
    private @Nullable Encoder<ILoggingEvent> delegate;

    /** {@code text} or {@code json} (any case); anything else writes text. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** Whether this encoder writes JSON. */
    public boolean json() {
        return format.trim().toLowerCase(Locale.ROOT).equals("json");
    }

    @Override
    public void start() {
        Encoder<ILoggingEvent> chosen;
        if (json()) {
            JsonEncoder encoder = new JsonEncoder();
            // The sequence number and the logger context's name and properties say nothing to a reader.
            encoder.setWithSequenceNumber(false);
            encoder.setWithContext(false);
            encoder.setWithNanoseconds(false);
            // The message as a reader sees it, once: not the template and its arguments apart.
            encoder.setWithFormattedMessage(true);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            chosen = encoder;
        } else {
            String given = format.trim();
            if (!given.isEmpty() && !given.equalsIgnoreCase("text")) {
                String warning = "HANDRAIL_LOG_FORMAT=" + given + " is not a log format (text or json); writing text";
                addWarn(warning);
                System.err.println(warning);
            }
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setPattern(TEXT_PATTERN);
            chosen = encoder;
        }
        chosen.setContext(getContext());
        chosen.start();
        delegate = chosen;
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return started().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return started().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return started().footerBytes();
    }

    private Encoder<ILoggingEvent> started() {
        Encoder<ILoggingEvent> d = delegate;
        if (d == null) {
            throw new IllegalStateException("The log encoder is used before it was started");
        }
        return d;
    }
}
