package org.spicelearn.bridge.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a {@link RemoteSubstrate} connects and how it behaves when the connection fails.
 *
 * @param host             server host name or address
 * @param port             server port
 * @param token            shared token, or null
 * @param connectTimeout   TCP connect timeout
 * @param replyTimeout     longest wait for one reply before the connection counts as lost
 * @param reconnectBudget  how long to keep reconnecting (with exponential backoff from 50 ms to 2 s)
 *                         before giving up with {@link RemoteUnavailableException}
 * @param programming      how conductance changes become programming commands
 * @param events           receives one line per connection event (lost, reconnected), may be a no-op
 */
public record RemoteOptions(String host, int port, String token, Duration connectTimeout, Duration replyTimeout,
                            Duration reconnectBudget, Programming programming, Consumer<String> events) {
    /** Validates. */
    public RemoteOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(reconnectBudget, "reconnectBudget");
        Objects.requireNonNull(programming, "programming");
        Objects.requireNonNull(events, "events");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
    }

    /** Defaults for a server at {@code host:port}: no token, 2 s connect, 60 s reply, 60 s reconnect budget, write-verify. */
    public static RemoteOptions of(String host, int port) {
        return new RemoteOptions(host, port, null, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60),
                new Programming.WriteVerify(), line -> { });
    }

    /**
     * Parses {@code HOST:PORT} (the part after {@code remote:} in a substrate option).
     *
     * @throws IllegalArgumentException when it is not {@code HOST:PORT} with a port in 1..65535
     */
    public static RemoteOptions parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port of '" + hostPort + "' is not a number");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return of(host, port);
    }

    /** A copy with a token. */
    public RemoteOptions withToken(String newToken) {
        return new RemoteOptions(host, port, newToken, connectTimeout, replyTimeout, reconnectBudget, programming, events);
    }

    /** A copy with another programming strategy. */
    public RemoteOptions withProgramming(Programming newProgramming) {
        return new RemoteOptions(host, port, token, connectTimeout, replyTimeout, reconnectBudget, newProgramming, events);
    }

    /** A copy with other timeouts. */
    public RemoteOptions withTimeouts(Duration newReply, Duration newReconnectBudget) {
        return new RemoteOptions(host, port, token, connectTimeout, newReply, newReconnectBudget, programming, events);
    }

    /** A copy with an event sink. */
    public RemoteOptions withEvents(Consumer<String> newEvents) {
        return new RemoteOptions(host, port, token, connectTimeout, replyTimeout, reconnectBudget, programming, newEvents);
    }
}
