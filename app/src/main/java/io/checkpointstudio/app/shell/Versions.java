package io.checkpointstudio.app.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this copy of Checkpoint Studio runs on: the app's version (filtered from the Maven project version),
 * the Java runtime, JavaFX, the OS, and the versions of the libraries behind the connectors and state
 * backends, read from their jars without loading them.
 */
public final class Versions {
    public static final String UNKNOWN = "unknown";
    public static final String MISSING = "not on the class path";
    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+(?:\\.\\d+)+[^/]*?)\\.jar$");

    /** Library name → a class file inside its jar. */
    private static final Map<String, String> LIBRARIES = libraries();

    private Versions() {
    }

    private static Map<String, String> libraries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Kafka client", "org/apache/kafka/clients/producer/KafkaProducer.class");
        m.put("RocksDB", "org/rocksdb/RocksDB.class");
        m.put("PostgreSQL JDBC driver", "org/postgresql/Driver.class");
        m.put("Janino", "org/codehaus/janino/Compiler.class");
        m.put("Jackson", "com/fasterxml/jackson/databind/ObjectMapper.class");
        m.put("AtlantaFX", "atlantafx/base/theme/PrimerLight.class");
        return m;
    }

    /** The app's version, e.g. 0.1.0-SNAPSHOT. */
    public static String app() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/checkpointstudio/app/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // Fall through to the manifest.
        }
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? UNKNOWN : v;
    }

    public static String java() {
        return System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vendor", "?") + ", " + System.getProperty("java.home", "?") + ")";
    }

    /** JavaFX's version once the toolkit runs (it sets javafx.runtime.version), else unknown. */
    public static String javafx() {
        return System.getProperty("javafx.runtime.version", UNKNOWN);
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    /** Library name → version, or {@link #MISSING}. */
    public static Map<String, String> libraryVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        LIBRARIES.forEach((name, resource) -> out.put(name, jarVersion(resource)));
        return out;
    }

    /** The version of the jar holding a class file: its manifest's, else the one in its file name. */
    static String jarVersion(String classResource) {
        URL url = Versions.class.getClassLoader().getResource(classResource);
        if (url == null) {
            return MISSING;
        }
        if ("jar".equals(url.getProtocol())) {
            try {
                JarURLConnection c = (JarURLConnection) url.openConnection();
                c.setUseCaches(false);
                Manifest mf = c.getManifest();
                if (mf != null) {
                    Attributes a = mf.getMainAttributes();
                    for (String key : new String[] {"Implementation-Version", "Bundle-Version"}) {
                        String v = a.getValue(key);
                        if (v != null && !v.isBlank()) {
                            return v.trim();
                        }
                    }
                }
            } catch (IOException | ClassCastException ignored) {
                // Try the file name.
            }
            String path = url.getPath();
            int bang = path.indexOf("!/");
            Matcher m = JAR_VERSION.matcher(bang < 0 ? path : path.substring(0, bang));
            if (m.find()) {
                return m.group(1);
            }
        }
        return UNKNOWN;
    }

    /** Every line of the About dialog as text (for the clipboard and the log). */
    public static String describe(java.nio.file.Path logDir) {
        StringBuilder b = new StringBuilder();
        b.append("Checkpoint Studio ").append(app()).append('\n');
        b.append("Java ").append(java()).append('\n');
        b.append("JavaFX ").append(javafx()).append('\n');
        b.append("OS ").append(os()).append('\n');
        b.append("Logs ").append(logDir).append('\n');
        libraryVersions().forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
        return b.toString().strip();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
