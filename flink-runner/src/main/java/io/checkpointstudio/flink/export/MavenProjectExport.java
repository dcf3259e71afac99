package io.checkpointstudio.flink.export;

import io.checkpointstudio.engine.connector.kafka.KafkaSettings;
import io.checkpointstudio.engine.connector.postgres.PostgresTable;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.source.EventTimeParams;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.translate.FlinkConfig;
import io.checkpointstudio.flink.translate.FlinkTranslationException;
import io.checkpointstudio.flink.translate.FlinkTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a job as a standalone Maven project that builds and runs on Apache Flink without Checkpoint
 * Studio: {@code pom.xml} (Flink at the runner's version, and Flink's Kafka and JDBC connectors when the
 * job uses them), {@code config.yaml} (the job's config under Flink 2.x's keys) and one readable
 * {@code Main.java} with the pipeline written out as DataStream code, each expression inlined as the Java
 * expression it is, over local variables named after the fields. A job with Kafka operators also gets
 * {@code Kafka.java} (values as rows and rows as JSON records), one with a PostgreSQL sink
 * {@code Postgres.java} (connections with the password from the environment, the table's creation).
 */
public final class MavenProjectExport {
    public static final String PACKAGE = "checkpointstudio.export";

    private final ValidatedJob job;
    private final StringBuilder code = new StringBuilder();
    private final Map<String, String> variables = new HashMap<>();
    /** Imports the connectors' code needs, beside the template's. */
    private final Set<String> imports = new TreeSet<>();

    private MavenProjectExport(ValidatedJob job) {
        this.job = job;
    }

    public static void write(ValidatedJob job, Path dir) throws IOException, FlinkTranslationException {
        FlinkTranslator.checkSupported(job);
        MavenProjectExport export = new MavenProjectExport(job);
        String main = export.mainJava();
        Path src = dir.resolve("src/main/java/" + PACKAGE.replace('.', '/'));
        Files.createDirectories(src);
        Files.writeString(src.resolve("Main.java"), main);
        if (uses(job, "kafka-source", "kafka-sink")) {
            Files.writeString(src.resolve("Kafka.java"), template("Kafka.java.template").replace("${package}", PACKAGE));
        }
        if (uses(job, "postgres-sink")) {
            Files.writeString(src.resolve("Postgres.java"), template("Postgres.java.template").replace("${package}", PACKAGE));
        }
        Files.writeString(dir.resolve("pom.xml"), pom(job));
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
            return java.util.Objects.requireNonNull(p.getProperty(name), name);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("flink-runner.properties in the flink-runner jar has no " + name, e);
        }
    }

    private static boolean uses(ValidatedJob job, String... types) {
        List<String> wanted = List.of(types);
        return job.operators().stream().anyMatch(op -> wanted.contains(op.descriptor().type()));
    }

    static String configYaml(ValidatedJob job) {
        StringBuilder yaml = new StringBuilder("# Flink configuration of the job '" + job.document().name() + "', exported by Checkpoint Studio\n");
        FlinkConfig.entries(job).forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        return yaml.toString();
    }

    static String pom(ValidatedJob job) throws IOException {
        String artifact = job.document().name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return template("pom.xml.template")
                .replace("${artifactId}", artifact.isEmpty() ? "flink-job" : artifact)
                .replace("${name}", xml(job.document().name()))
                .replace("${flink.version}", flinkVersion())
                .replace("${connectorDependencies}", connectorDependencies(job));
    }

    /** The connectors the job's operators need; Flink's distribution has none of them. */
    private static String connectorDependencies(ValidatedJob job) {
        StringBuilder xml = new StringBuilder();
        if (uses(job, "kafka-source", "kafka-sink")) {
            xml.append(dependency("org.apache.flink", "flink-connector-kafka", buildProperty("flink-connector-kafka.version"), null));
        }
        if (uses(job, "postgres-sink")) {
            String jdbc = buildProperty("flink-connector-jdbc.version");
            xml.append(dependency("org.apache.flink", "flink-connector-jdbc-core", jdbc, null));
            xml.append(dependency("org.apache.flink", "flink-connector-jdbc-postgres", jdbc,
                    "the JDBC connector is built for Flink 2.0: its flink-connector-base is replaced by this Flink's"));
            xml.append(dependency("org.apache.flink", "flink-connector-base", "${flink.version}", null));
            xml.append(dependency("org.postgresql", "postgresql", buildProperty("postgresql.version"), null));
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

    String mainJava() throws IOException, FlinkTranslationException {
        line(2, "Configuration conf = new Configuration();");
        FlinkConfig.entries(job).forEach((k, v) -> line(2, "conf.setString(" + str(k) + ", " + str(v) + ");"));
        line(2, "StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);");
        for (ValidatedOperator op : job.operators()) {
            code.append('\n');
            line(2, "// " + op.id() + ": " + op.descriptor().type() + (op.spec().name() == null ? "" : " (" + op.spec().name() + ")"));
            operator(op);
        }
        code.append('\n');
        line(2, "env.execute(" + str(job.document().name()) + ");");
        return withImports(template("Main.java.template")
                .replace("${package}", PACKAGE)
                .replace("${name}", job.document().name())
                .replace("${pipeline}", code.toString().stripTrailing()), imports);
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

    private void operator(ValidatedOperator op) throws FlinkTranslationException {
        Params p = op.params();
        String v = variable(op.id());
        String in = op.inputs().isEmpty() ? null : input(op);
        Schema inSchema = op.inputSchema();
        int par = op.parallelism();
        switch (op.descriptor().type()) {
            case "datagen-clicks" -> {
                long events = p.getLong("events");
                line(2, "DataStream<Row> " + v + " = env.fromSource(new DataGeneratorSource<>(");
                line(4, "i -> Row.of(userId(" + p.getLong("seed") + "L, i, " + p.getLong("users") + "L), loggedIn(" + p.getLong("seed") + "L, i), i),");
                line(4, (events == 0 ? "Long.MAX_VALUE" : events + "L") + ", " + rate(p) + ", " + type(op.outputSchema()) + "),");
                line(4, watermarks(op) + ", " + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "datagen-sequence" -> {
                long from = p.getLong("from");
                String count = p.isSet("to") ? (p.getLong("to") - from + 1) + "L" : "Long.MAX_VALUE";
                line(2, "DataStream<Row> " + v + " = env.fromSource(new DataGeneratorSource<>(");
                line(4, "i -> Row.of(" + from + "L + i), " + count + ", " + rate(p) + ", " + type(op.outputSchema()) + "),");
                line(4, watermarks(op) + ", " + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "file-source" -> {
                line(2, "// each line is parsed as " + p.getEnum("format") + " into " + op.outputSchema());
                if (p.getBoolean("skipHeader")) {
                    line(2, "// the first line of every file is its header");
                }
                line(2, "DataStream<Row> " + v + " = env.fromSource(FileSource.forRecordStreamFormat("
                        + (p.getBoolean("skipHeader") ? "new LinesAfterHeader()" : "new TextLineInputFormat()") + ",");
                line(4, "new org.apache.flink.core.fs.Path(" + str(Path.of(p.getString("path")).toAbsolutePath().toUri().toString()) + ")).build(),");
                line(4, "WatermarkStrategy.noWatermarks(), " + str(op.id()) + ").setParallelism(" + par + ")");
                line(4, ".filter(line -> !line.isBlank())");
                line(4, ".map(line -> parse(line, " + str(p.getEnum("format")) + ", " + chr(p.getString("delimiter")) + ", " + names(op.outputSchema()) + ", "
                        + typeNames(op.outputSchema()) + "), " + type(op.outputSchema()) + ")");
                line(4, ".assignTimestampsAndWatermarks(" + watermarks(op) + ").setParallelism(" + par + ");");
            }
            case "filter" -> {
                line(2, "DataStream<Row> " + v + " = " + in + ".filter(r$ -> {");
                locals(inSchema, 4);
                line(4, "return " + p.getString("condition") + ";");
                line(2, "}).name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "map" -> {
                line(2, "DataStream<Row> " + v + " = " + in + ".map(r$ -> {");
                locals(inSchema, 4);
                Schema out = op.outputSchema();
                String values = out.fields().stream().map(f -> cast(f.type(), p.getFieldExpressions("fields").get(f.name())))
                        .collect(Collectors.joining(", "));
                line(4, "return Row.of(" + values + ");");
                line(2, "}, " + type(out) + ").name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "flat-map" -> {
                Schema out = op.outputSchema();
                int split = inSchema.indexOf(p.getString("field"));
                String as = p.getString("as") == null ? p.getString("field") : p.getString("as");
                int piece = out.indexOf(as);
                line(2, "DataStream<Row> " + v + " = " + in + ".flatMap((Row r$, Collector<Row> out) -> {");
                line(4, "String text = r$.getFieldAs(" + split + ");");
                line(4, "if (text == null) {");
                line(6, "return;");
                line(4, "}");
                line(4, "for (String piece : text.split(" + str(p.getString("separator")) + ")) {");
                line(6, "if (!piece.isEmpty()) {");
                line(8, "Row o = Row.withPositions(" + out.size() + ");");
                line(8, "for (int c = 0; c < " + inSchema.size() + "; c++) {");
                line(10, "o.setField(c, r$.getField(c));");
                line(8, "}");
                line(8, "o.setField(" + piece + ", piece);");
                line(8, "out.collect(o);");
                line(6, "}");
                line(4, "}");
                line(2, "}, " + type(out) + ").name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "key-by" -> {
                int key = inSchema.indexOf(p.getString("key"));
                line(2, "KeyedStream<Row, " + boxed(inSchema.type(key)) + "> " + v + " = " + in + ".keyBy(r$ -> key(r$.<" + boxed(inSchema.type(key))
                        + ">getFieldAs(" + key + "), " + str(op.id()) + ", " + str(p.getString("key")) + "), " + typeInfo(inSchema.type(key)) + ");");
            }
            case "sum", "count", "min", "max", "reduce" -> runningAggregate(op, v, in);
            case "window" -> window(op, v, in);
            case "kafka-source" -> kafkaSource(op, v);
            case "kafka-sink" -> kafkaSink(op, in);
            case "postgres-sink" -> postgresSink(op, in);
            case "print" -> line(2, in + ".print(" + str(p.getString("prefix")) + ").name(" + str(op.id()) + ").setParallelism(" + par + ");");
            case "collect" -> {
                line(2, "// collect keeps rows in memory in Checkpoint Studio; here they are printed");
                line(2, in + ".print(" + str(op.id() + " ") + ").name(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "checksum-sink" -> {
                int key = inSchema.indexOf(p.getString("keyField"));
                int value = inSchema.indexOf(p.getString("valueField"));
                line(2, "// checksum-sink: the latest value per key, summed; printed by each subtask when its input ends");
                line(2, in + ".sinkTo(new ChecksumSink(" + key + ", " + value + ")).name(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            case "file-sink" -> {
                String ext = "CSV".equals(p.getEnum("format")) ? "csv" : "jsonl";
                line(2, "// Flink's FileSink commits part files when a checkpoint completes: keep checkpointing on");
                line(2, in + ".map(r$ -> " + ("csv".equals(ext) ? "csv(r$, " + chr(p.getString("delimiter")) + ")" : "json(r$, " + names(inSchema) + ")")
                        + ", Types.STRING).setParallelism(" + par + ")");
                line(4, ".sinkTo(FileSink.forRowFormat(new org.apache.flink.core.fs.Path(" + str(Path.of(p.getString("path")).toAbsolutePath().toUri().toString())
                        + "), new SimpleStringEncoder<String>())");
                line(6, ".withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(" + str("." + ext) + ").build()).build())");
                line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
            }
            default -> throw new FlinkTranslationException(op.descriptor().type() + " '" + op.id() + "' cannot be exported yet");
        }
    }

    private void runningAggregate(ValidatedOperator op, String v, String keyed) {
        Params p = op.params();
        String type = op.descriptor().type();
        Schema in = op.inputSchema();
        Schema out = op.outputSchema();
        int key = in.indexOf(op.keyField());
        FieldType valueType = out.type(1);
        String value = type.equals("count") ? "1L" : "r$.getField(" + in.indexOf(p.getString("field")) + ")";
        String t = valueType.javaType().getSimpleName();
        String combine = switch (type) {
            case "sum", "count" -> "acc + value";
            case "min" -> "Math.min(acc, value)";
            case "max" -> "Math.max(acc, value)";
            default -> cast(valueType, p.getString("expression"));
        };
        line(2, "// a running " + type + " per key: every record emits (key, " + type + " so far)");
        line(2, "DataStream<Row> " + v + " = " + keyed + ".map(r$ -> Row.of(r$.getField(" + key + "), " + value + "), " + type(out) + ")");
        line(4, ".keyBy(r$ -> r$.<" + boxed(in.type(key)) + ">getFieldAs(0), " + typeInfo(in.type(key)) + ")");
        line(4, ".reduce((acc$, r$) -> {");
        line(6, t + " acc = acc$.getFieldAs(1);");
        line(6, t + " value = r$.getFieldAs(1);");
        line(6, "return Row.of(acc$.getField(0), " + combine + ");");
        line(4, "}).name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    private void window(ValidatedOperator op, String v, String keyed) {
        Params p = op.params();
        Schema in = op.inputSchema();
        boolean event = "EVENT".equals(p.getEnum("time"));
        boolean sliding = "SLIDING".equals(p.getEnum("kind"));
        Duration size = p.getDuration("size");
        Duration slide = sliding ? p.getDuration("slide") : size;
        String assigner = (sliding ? "Sliding" : "Tumbling") + (event ? "EventTime" : "ProcessingTime") + "Windows.of(Duration.ofMillis("
                + size.toMillis() + ")" + (sliding ? ", Duration.ofMillis(" + slide.toMillis() + ")" : "") + ")";
        String aggregate = p.getEnum("aggregate");
        int value = "COUNT".equals(aggregate) ? -1 : in.indexOf(p.getString("field"));
        boolean doubles = value >= 0 && in.type(value) == FieldType.DOUBLE;
        if (event) {
            line(2, "// event time: the records' timestamps come from the source's event-time field "
                    + "(here the window names '" + p.getString("timeField") + "')");
        }
        line(2, "DataStream<Row> " + v + " = " + keyed + ".window(" + assigner + ")");
        line(4, ".aggregate(new WindowAggregate(" + str(aggregate) + ", " + value + ", " + doubles + "), new WindowEmit<>(),");
        line(6, "WindowAggregate.type(" + doubles + "), WindowAggregate.result(" + typeInfo(op.outputSchema().type(3)) + "), " + type(op.outputSchema()) + ")");
        line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    private void kafkaSource(ValidatedOperator op, String v) {
        Params p = op.params();
        Schema out = op.outputSchema();
        imports.add("org.apache.flink.connector.kafka.source.KafkaSource");
        imports.add("org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer");
        String groupId = p.getString("groupId") == null || p.getString("groupId").isBlank()
                ? KafkaSettings.defaultGroupId(job.document().name()) : p.getString("groupId");
        String start = switch (p.getEnum("startFrom")) {
            case "LATEST" -> "OffsetsInitializer.latest()";
            case "TIMESTAMP" -> "OffsetsInitializer.timestamp(" + p.getLong("startTimestamp") + "L)";
            case "COMMITTED" -> {
                imports.add("org.apache.kafka.clients.consumer.OffsetResetStrategy");
                yield "OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)";
            }
            default -> "OffsetsInitializer.earliest()";
        };
        line(2, "// each record value is parsed as " + p.getEnum("format") + " into " + out + "; only committed records are read");
        line(2, "DataStream<Row> " + v + " = env.fromSource(KafkaSource.<Row>builder()");
        line(4, ".setBootstrapServers(" + str(p.getString("bootstrapServers")) + ")");
        line(4, ".setTopics(" + KafkaSettings.topics(p.getString("topics")).stream().map(MavenProjectExport::str).collect(Collectors.joining(", ")) + ")");
        line(4, ".setGroupId(" + str(groupId) + ")");
        line(4, ".setStartingOffsets(" + start + ")");
        if (p.getBoolean("bounded")) {
            line(4, ".setBounded(OffsetsInitializer.latest())");
        } else {
            Duration discovery = p.getDuration("partitionDiscoveryInterval");
            line(4, ".setProperty(\"partition.discovery.interval.ms\", " + str(discovery.isZero() ? "-1" : Long.toString(discovery.toMillis())) + ")");
        }
        line(4, ".setProperty(\"isolation.level\", \"read_committed\")");
        line(4, ".setDeserializer(new Kafka.RowDeserializer(" + str(p.getEnum("format")) + ", " + chr(p.getString("delimiter")) + ", "
                + names(out) + ", " + typeNames(out) + ", " + type(out) + "))");
        line(4, ".build(),");
        line(4, watermarks(op) + ", " + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    private void kafkaSink(ValidatedOperator op, String in) {
        Params p = op.params();
        Schema schema = op.inputSchema();
        boolean exactlyOnce = "EXACTLY_ONCE".equals(p.getEnum("semantic"));
        String keyField = p.getString("keyField");
        int key = keyField == null || keyField.isBlank() ? -1 : schema.indexOf(keyField);
        imports.add("org.apache.flink.connector.kafka.sink.KafkaSink");
        imports.add("org.apache.flink.connector.base.DeliveryGuarantee");
        line(2, "// each row as a JSON object" + (key < 0 ? "" : ", keyed by " + keyField) + (exactlyOnce
                ? "; exactly once: one Kafka transaction per checkpoint, committed when it completes (readers: isolation.level=read_committed)"
                : "; at least once"));
        line(2, in + ".sinkTo(KafkaSink.<Row>builder()");
        line(4, ".setBootstrapServers(" + str(p.getString("bootstrapServers")) + ")");
        line(4, ".setRecordSerializer(new Kafka.JsonSerializer(" + str(p.getString("topic")) + ", " + key + ", " + names(schema) + "))");
        line(4, ".setDeliveryGuarantee(DeliveryGuarantee." + (exactlyOnce ? "EXACTLY_ONCE" : "AT_LEAST_ONCE") + ")");
        if (exactlyOnce) {
            String prefix = p.getString("transactionalIdPrefix") == null || p.getString("transactionalIdPrefix").isBlank()
                    ? KafkaSettings.defaultTransactionalIdPrefix(job.document().name(), op.id()) : p.getString("transactionalIdPrefix");
            line(4, ".setTransactionalIdPrefix(" + str(prefix) + ")");
            line(4, "// at most the broker's transaction.max.timeout.ms (15 minutes by default)");
            line(4, ".setProperty(\"transaction.timeout.ms\", " + str(KafkaSettings.TRANSACTION_TIMEOUT_MS) + ")");
        }
        line(4, ".build())");
        line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    private void postgresSink(ValidatedOperator op, String in) {
        Params p = op.params();
        PostgresTable table = PostgresTable.of(p, op.inputSchema());
        boolean exactlyOnce = "EXACTLY_ONCE".equals(p.getEnum("semantic"));
        String connection = str(p.getString("url")) + ", " + str(p.getString("user")) + ", "
                + (p.getString("passwordEnv") == null ? "null" : str(p.getString("passwordEnv")));
        imports.add("org.apache.flink.connector.jdbc.JdbcExecutionOptions");
        imports.add("org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink");
        if (p.getBoolean("createTable")) {
            line(2, "// the table is created before the job starts");
            line(2, "Postgres.createTable(" + connection + ",");
            line(4, str(table.createTableSql()) + ");");
        }
        line(2, "// " + (table.upsert() ? "upserts on " + table.upsertKey() : "appends") + " into " + p.getString("table")
                + (p.getString("passwordEnv") == null ? "" : ", the password from $" + p.getString("passwordEnv") + " where the job runs"));
        if (exactlyOnce) {
            imports.add("org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions");
            line(2, "// exactly once through XA: a prepared transaction per checkpoint and subtask (PostgreSQL needs max_prepared_transactions > 0);");
            line(2, "// the connector commits it when the sink snapshots, so rows may be written again after a failure: upserts end right");
            line(2, in + ".sinkTo(new Postgres.EndOfInputSafeSink<>(JdbcSink.<Row>builder()");
        } else {
            line(2, "// at least once: batches are written as they fill and at every checkpoint");
            line(2, in + ".sinkTo(JdbcSink.<Row>builder()");
        }
        line(4, ".withQueryStatement(" + str(table.insertSql()) + ", Postgres::bind)");
        line(4, ".withExecutionOptions(JdbcExecutionOptions.builder().withBatchSize(" + Math.max(1, p.getLong("batchSize"))
                + ").withBatchIntervalMs(0).withMaxRetries(" + (exactlyOnce ? 0 : 3) + ").build())");
        if (exactlyOnce) {
            line(4, ".buildExactlyOnce(JdbcExactlyOnceOptions.builder().withTransactionPerConnection(true).withRecoveredAndRollback(true).build(),");
            line(6, "() -> Postgres.xaDataSource(" + connection + "))))");
        } else {
            line(4, ".buildAtLeastOnce(Postgres.connections(" + connection + ", " + !table.upsert() + ")))");
        }
        line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    // ---------------------------------------------------------------- helpers

    private String variable(String id) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char c : id.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = s.length() > 0;
            }
        }
        // "Stream" keeps the names apart from the fields, which expressions read as local variables
        String name = (s.length() == 0 || !Character.isJavaIdentifierStart(s.charAt(0)) ? "op" + s : s.toString()) + "Stream";
        while (variables.containsValue(name) || List.of("env", "conf", "args").contains(name)) {
            name = name + "_";
        }
        variables.put(id, name);
        return name;
    }

    private String input(ValidatedOperator op) {
        List<String> ins = op.inputs().stream().map(variables::get).toList();
        return ins.size() == 1 ? ins.get(0) : ins.get(0) + ".union(" + String.join(", ", ins.subList(1, ins.size())) + ")";
    }

    /** One local variable per input field, named after it, so the expression reads as written. */
    private void locals(Schema schema, int indent) {
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            line(indent, f.type().javaType().getSimpleName() + " " + f.name() + " = r$.getFieldAs(" + i + ");");
        }
    }

    private static String cast(FieldType type, String expression) {
        return switch (type) {
            case LONG -> "(long) (" + expression + ")";
            case DOUBLE -> "(double) (" + expression + ")";
            default -> "(" + expression + ")";
        };
    }

    private static String rate(Params p) {
        long perSecond = p.getLong("eventsPerSecond");
        return perSecond > 0 ? "RateLimiterStrategy.perSecond(" + perSecond + ")" : "RateLimiterStrategy.noOp()";
    }

    private static String watermarks(ValidatedOperator op) {
        String field = op.params().getString(EventTimeParams.EVENT_TIME_FIELD);
        if (field == null || field.isBlank()) {
            return "WatermarkStrategy.noWatermarks()";
        }
        Duration d = op.params().getDuration(EventTimeParams.MAX_OUT_OF_ORDERNESS);
        Duration idle = op.params().getDuration(EventTimeParams.IDLE_TIMEOUT);
        long bound = d == null ? 0 : d.toMillis();
        return (EventTimeParams.perRecord(op.params())
                ? "WatermarkStrategy.<Row>forGenerator(ctx$ -> new PerRecordWatermarks(" + bound + "L))"
                : "WatermarkStrategy.<Row>forBoundedOutOfOrderness(Duration.ofMillis(" + bound + "))")
                + ".withTimestampAssigner((r$, t) -> r$.<Long>getFieldAs(" + op.outputSchema().indexOf(field) + "))"
                + (idle == null || idle.isZero() ? "" : ".withIdleness(Duration.ofMillis(" + idle.toMillis() + "))");
    }

    private static String type(Schema schema) {
        return "Types.ROW_NAMED(" + names(schema) + ", " + schema.fields().stream().map(f -> typeInfo(f.type())).collect(Collectors.joining(", ")) + ")";
    }

    private static String names(Schema schema) {
        return "new String[] {" + schema.names().stream().map(MavenProjectExport::str).collect(Collectors.joining(", ")) + "}";
    }

    private static String typeNames(Schema schema) {
        return "new String[] {" + schema.fields().stream().map(f -> str(f.type().jsonName())).collect(Collectors.joining(", ")) + "}";
    }

    private static String typeInfo(FieldType type) {
        return "Types." + switch (type) {
            case LONG -> "LONG";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "STRING";
        };
    }

    private static String boxed(FieldType type) {
        return switch (type) {
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case STRING -> "String";
        };
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String chr(String s) {
        char c = s == null || s.isEmpty() ? ',' : s.charAt(0);
        return c == '\'' ? "'\\''" : c == '\\' ? "'\\\\'" : "'" + c + "'";
    }

    private void line(int indent, String text) {
        code.append(" ".repeat(indent * 4)).append(text).append('\n');
    }
}
