package io.checkpointstudio.flink.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.flink.configuration.Configuration;

/**
 * The loopback port of a local run's REST API. Flink's local environment otherwise binds a random port it
 * does not print, and a user could not attach the studio's monitor to the run.
 */
final class LocalRestPort {
    static final int FLINK_DEFAULT = 8081;

    private LocalRestPort() {
    }

    /** The asked port; without one Flink's usual 8081 when it is free, else any free port. */
    static int choose(Integer asked) {
        if (asked != null) {
            return asked;
        }
        return isFree(FLINK_DEFAULT) ? FLINK_DEFAULT : anyFree();
    }

    static Configuration configuration(int port) {
        Configuration conf = new Configuration();
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.port", String.valueOf(port));
        conf.setString("rest.bind-port", String.valueOf(port));
        // the REST API's metrics are refreshed this often (Flink's default, 10 s, makes live rates jump)
        conf.setString("metrics.fetcher.update-interval", "1 s");
        return conf;
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the local cluster's REST API", e);
        }
    }
}
