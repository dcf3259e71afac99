package io.checkpointstudio.engine.connector.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a postgres-sink connects: as {@code user}, with the password read from the environment variable named
 * by {@code passwordEnv} in the process that connects (never from the job document), retrying a server that
 * does not answer with a doubling backoff for {@code connectTimeout}, and failing with a message that names
 * the sink, the server and the parameters to check. The Flink runner's JDBC sink connects the same way.
 */
public final class PostgresConnect {
    private static final String URL_PREFIX = "jdbc:postgresql://";
    private static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://(\\[[^]]+]|[^:/?]+)(?::(\\d+))?");
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 4000;

    private PostgresConnect() {
    }

    /** host:port of a JDBC URL (the port 5432 when the URL gives none). */
    public static String hostPort(String url) {
        Matcher m = HOST_PORT.matcher(url == null ? "" : url);
        if (!m.find()) {
            return url;
        }
        return m.group(1) + ":" + (m.group(2) == null ? "5432" : m.group(2));
    }

    /**
     * What in a JDBC URL is a credential, described without its value: a {@code password} or {@code sslpassword}
     * parameter (any case), or a {@code user:password@} / {@code user@} before the host (the driver would take
     * it for part of the host name); null when there is none.
     */
    public static String secretInUrl(String url) {
        String rest = url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : url;
        int query = rest.indexOf('?');
        int path = rest.indexOf('/');
        int authorityEnd = path >= 0 && (query < 0 || path < query) ? path : query >= 0 ? query : rest.length();
        if (rest.substring(0, authorityEnd).contains("@")) {
            return "a user name (and password) before '@'";
        }
        if (query < 0) {
            return null;
        }
        for (String parameter : rest.substring(query + 1).split("&")) {
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ignored) {
                // not a valid escape: the driver reads the name as written
            }
            if (SECRET_PARAMETERS.contains(name.trim().toLowerCase(Locale.ROOT))) {
                return "a password (the parameter '" + name + "')";
            }
        }
        return null;
    }

    /** The password in the environment variable {@code passwordEnv}; null when no variable is named. */
    public static String password(String user, String passwordEnv, String label) {
        if (passwordEnv == null || passwordEnv.isBlank()) {
            return null;
        }
        String password = System.getenv(passwordEnv);
        if (password == null) {
            throw new IllegalStateException(label + ": the environment variable " + passwordEnv
                    + " (params.passwordEnv) is not set; set it to the password of user '" + user + "' before starting the job"
                    + " (where the job's code runs)");
        }
        return password;
    }

    /** The driver properties: user, password from the environment, a 5 s connect timeout, the application name. */
    public static Properties properties(String user, String passwordEnv, String label) {
        Properties props = new Properties();
        props.setProperty("user", user);
        String password = password(user, passwordEnv, label);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "checkpoint-studio");
        return props;
    }

    /** Opens a connection, retrying connection failures (SQL state 08...) with backoff for up to {@code connectTimeoutMillis}. */
    public static Connection open(String url, Properties props, long connectTimeoutMillis, String label) throws SQLException, InterruptedException {
        SQLException last;
        int attempts = 0;
        long deadline = System.nanoTime() + connectTimeoutMillis * 1_000_000L;
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            attempts++;
            try {
                return DriverManager.getConnection(url, props);
            } catch (SQLException e) {
                last = e;
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (!isConnectionProblem(e) || left <= 0) {
                    break;
                }
                Thread.sleep(Math.min(backoff, left));
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        String where = hostPort(url);
        String state = last.getSQLState();
        if (isConnectionProblem(last)) {
            throw new SQLException(label + ": cannot connect to PostgreSQL at " + where + " after " + attempts + " attempts in "
                    + connectTimeoutMillis + " ms (" + last.getMessage() + "); is PostgreSQL running on " + where
                    + "? check params.url (params.connectTimeout sets how long to retry)", state, last);
        }
        throw new SQLException(label + ": cannot open a connection to " + where + " as user '" + props.getProperty("user") + "': "
                + last.getMessage() + "; check params.url, params.user and params.passwordEnv", state, last);
    }

    /** A lost or refused connection (SQL state class 08), anywhere in the cause chain. */
    public static boolean isConnectionProblem(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
