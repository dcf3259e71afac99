package io.checkpointstudio.engine.cli;

import picocli.CommandLine.IVersionProvider;

/** The engine version from the jar manifest ("dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Checkpoint Studio " + version() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
