package io.checkpointstudio.flink.export;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.flink.translate.FlinkConfig;
import io.checkpointstudio.flink.translate.FlinkTranslationException;
import io.checkpointstudio.flink.translate.FlinkTranslator;
import io.checkpointstudio.flink.translate.operators.ExportedConnector;
import io.checkpointstudio.flink.translate.operators.JavaPipeline;
import io.checkpointstudio.flink.translate.operators.OperatorTranslation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a job as a standalone Maven project that builds and runs on Apache Flink without Checkpoint
 * Studio: {@code pom.xml} (Flink at the runner's version, and Flink's Kafka and JDBC connectors when the
 * job uses them), {@code config.yaml} (the job's config under Flink 2.x's keys) and one readable
 * {@code Main.java} with the pipeline written out as DataStream code, each expression inlined as the Java
 * expression it is, over local variables named after the fields. A job with Kafka operators also gets
 * {@code Kafka.java} (values as rows and rows as JSON records), one with a PostgreSQL sink
 * {@code Postgres.java} (connections with the password from the environment, the table's creation). Each
 * operator's code is written by the translation of its type ({@link OperatorTranslation#writeTo}), the same
 * object that adds its step to the pipeline of {@code flink run}.
 */
public final class MavenProjectExport {
    public static final String PACKAGE = "checkpointstudio.export";

    private MavenProjectExport() {
    }

    public static void write(ValidatedJob job, Path dir) throws IOException, FlinkTranslationException {
        FlinkTranslator.checkSupported(job);
        MainJava main = mainJava(job);
        Path src = dir.resolve("src/main/java/" + PACKAGE.replace('.', '/'));
        Files.createDirectories(src);
        Files.writeString(src.resolve("Main.java"), main.source());
        for (ExportedConnector connector : main.connectors()) {
            String helper = helperClass(connector);
            Files.writeString(src.resolve(helper + ".java"), template(helper + ".java.template").replace("${package}", PACKAGE));
        }
        Files.writeString(dir.resolve("pom.xml"), pom(job, main.connectors()));
        Files.writeString(dir.resolve("config.yaml"), configYaml(job));
    }

    /** The Flink version the runner was built with (the parent pom's flink.version). */
    public static String flinkVersion() {
        return buildProperty("flink.version");
    }

    /** A version the runner was built with: flink.version, flink-connector-kafka.version, ... of the parent pom. */
    static String buildProperty(String name) {
        try (InputStream in = MavenProjectExport.class.getResourceAsStream("/flink-runner.properties")) {
            Properties p = new Properties();
            p.load(in);
            return Objects.requireNonNull(p.getProperty(name), name);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("flink-runner.properties in the flink-runner jar has no " + name, e);
        }
    }

    /** The class written beside Main.java for a connector's code (from the template of the same name). */
    private static String helperClass(ExportedConnector connector) {
        return switch (connector) {
            case KAFKA -> "Kafka";
            case POSTGRES -> "Postgres";
        };
    }

    static String configYaml(ValidatedJob job) {
        StringBuilder yaml = new StringBuilder("# Flink configuration of the job '" + job.document().name() + "', exported by Checkpoint Studio\n");
        FlinkConfig.entries(job).forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        return yaml.toString();
    }

    static String pom(ValidatedJob job, Set<ExportedConnector> connectors) throws IOException {
        String artifact = job.document().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return template("pom.xml.template")
                .replace("${artifactId}", artifact.isEmpty() ? "flink-job" : artifact)
                .replace("${name}", xml(job.document().name()))
                .replace("${flink.version}", flinkVersion())
                .replace("${connectorDependencies}", connectorDependencies(connectors));
    }

    /** The libraries of the connectors the job's operators use; Flink's distribution has none of them. */
    private static String connectorDependencies(Set<ExportedConnector> connectors) {
        StringBuilder xml = new StringBuilder();
        for (ExportedConnector connector : connectors) {
            switch (connector) {
                case KAFKA -> xml.append(dependency("org.apache.flink", "flink-connector-kafka", buildProperty("flink-connector-kafka.version"), null));
                case POSTGRES -> {
                    String jdbc = buildProperty("flink-connector-jdbc.version");
                    xml.append(dependency("org.apache.flink", "flink-connector-jdbc-core", jdbc, null));
                    xml.append(dependency("org.apache.flink", "flink-connector-jdbc-postgres", jdbc,
                            "the JDBC connector is built for Flink 2.0: its flink-connector-base is replaced by this Flink's"));
                    xml.append(dependency("org.apache.flink", "flink-connector-base", "${flink.version}", null));
                    xml.append(dependency("org.postgresql", "postgresql", buildProperty("postgresql.version"), null));
                }
            }
        }
        return xml.toString();
    }

    private static String dependency(String group, String artifact, String version, String comment) {
        return "\n    <dependency>" + (comment == null ? "" : "\n      <!-- " + comment + " -->")
                + "\n      <groupId>" + group + "</groupId>\n      <artifactId>" + artifact + "</artifactId>\n      <version>" + version
                + "</version>\n    </dependency>";
    }

    private static String template(String name) throws IOException {
        try (InputStream in = MavenProjectExport.class.getResourceAsStream("/export/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---------------------------------------------------------------- Main.java

    /** Main.java: the job's configuration, then each operator's step as its translation writes it. */
    static MainJava mainJava(ValidatedJob job) throws IOException, FlinkTranslationException {
        JavaPipeline code = new JavaPipeline(job);
        code.line(2, "Configuration conf = new Configuration();");
        FlinkConfig.entries(job).forEach((k, v) -> code.line(2, "conf.setString(" + str(k) + ", " + str(v) + ");"));
        code.line(2, "StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);");
        for (ValidatedOperator op : job.operators()) {
            OperatorTranslation translation = FlinkTranslator.translation(op);
            code.blankLine();
            code.line(2, "// " + op.id() + ": " + op.descriptor().type() + (op.spec().name() == null ? "" : " (" + op.spec().name() + ")"));
            code.declare(op);
            translation.writeTo(code, op);
        }
        code.blankLine();
        code.line(2, "env.execute(" + str(job.document().name()) + ");");
        String source = withImports(template("Main.java.template")
                .replace("${package}", PACKAGE)
                .replace("${name}", job.document().name())
                .replace("${pipeline}", code.code().stripTrailing()), code.imports());
        return new MainJava(source, code.connectors());
    }

    /** The source of Main.java and the connectors its code uses. */
    record MainJava(String source, Set<ExportedConnector> connectors) {
    }

    /** The source with {@code extra} added to its import block, all imports sorted. */
    static String withImports(String source, Set<String> extra) {
        List<String> lines = new ArrayList<>(source.lines().toList());
        int first = -1;
        int last = -1;
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("import ")) {
                first = first < 0 ? i : first;
                last = i;
                all.add(lines.get(i));
            }
        }
        extra.forEach(c -> all.add("import " + c + ";"));
        lines.subList(first, last + 1).clear();
        lines.addAll(first, all);
        return String.join("\n", lines) + "\n";
    }
}
