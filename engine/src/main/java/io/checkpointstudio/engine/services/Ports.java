package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The ports a service listens on: its own, and (Kafka) its controller's; {@code note} says why the port is
 * not the standard one, or is null. Chosen as: the standard port when free, else the port of last time when
 * free (so a restarted server comes back where its clients look), else any free port.
 */
record Ports(int port, int controllerPort, String note) {

    static Ports choose(ServiceKind kind, int preferred, int last, boolean needsController, int lastController) {
        String note = null;
        int port;
        if (preferred > 0 && free(preferred)) {
            port = preferred;
        } else if (last > 0 && free(last)) {
            port = last;
            if (preferred > 0) {
                note = "port " + preferred + " is in use by another program; " + kind.displayName() + " listens on port " + last
                        + " (as last time)";
            }
        } else {
            port = anyFree();
            if (preferred > 0) {
                note = "port " + preferred + " is in use by another program; " + kind.displayName() + " listens on port " + port
                        + " instead";
            }
        }
        int controller = 0;
        if (needsController) {
            controller = lastController > 0 && lastController != port && free(lastController) ? lastController : anyFreeExcept(port);
        }
        return new Ports(port, controller, note);
    }

    /** Nothing listens on 127.0.0.1:port (a server socket with SO_REUSEADDR, as the servers open theirs, can bind it). */
    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int anyFree() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static int anyFreeExcept(int taken) {
        int p;
        do {
            p = anyFree();
        } while (p == taken);
        return p;
    }
}
