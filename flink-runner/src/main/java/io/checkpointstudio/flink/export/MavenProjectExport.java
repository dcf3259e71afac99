package io.checkpointstudio.flink.export;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes a job as a standalone Maven project that builds and runs on Apache Flink without Checkpoint
 * Studio: {@code pom.xml} (Flink at the runner's version), {@code config.yaml} (the job's config under
 * Flink 2.x's keys) and one readable {@code Main.java} with the pipeline written out as DataStream code,
 * each expression inlined as the Java expression it is, over local variables named after the fields.
 */
public final class MavenProjectExport {
    public static final String PACKAGE = "checkpointstudio.export";

    private final ValidatedJob job;
    private final StringBuilder code = new StringBuilder();
    private final Map<String, String> variables = new HashMap<>();

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
        Files.writeString(dir.resolve("pom.xml"), pom(job));
        Files.writeString(dir.resolve("config.yaml"), configYaml(job));
    }

    /** The Flink version the runner was built with (the parent pom's flink.version). */
    public static String flinkVersion() {
        try (InputStream in = MavenProjectExport.class.getResourceAsStream("/flink-runner.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("flink.version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("flink-runner.properties is missing from the flink-runner jar", e);
        }
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
                .replace("${flink.version}", flinkVersion());
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
        return template("Main.java.template")
                .replace("${package}", PACKAGE)
                .replace("${name}", job.document().name())
                .replace("${pipeline}", code.toString().stripTrailing());
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
                line(2, "DataStream<Row> " + v + " = env.fromSource(FileSource.forRecordStreamFormat(new TextLineInputFormat(),");
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
                line(2, "KeyedStream<Row, " + boxed(inSchema.type(key)) + "> " + v + " = " + in + ".keyBy(r$ -> r$.<" + boxed(inSchema.type(key))
                        + ">getFieldAs(" + key + "), " + typeInfo(inSchema.type(key)) + ");");
            }
            case "sum", "count", "min", "max", "reduce" -> runningAggregate(op, v, in);
            case "window" -> window(op, v, in);
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
        line(4, ".aggregate(new WindowAggregate(" + str(aggregate) + ", " + value + ", " + doubles + "), new WindowEmit(),");
        line(6, "WindowAggregate.type(" + doubles + "), " + typeInfo(op.outputSchema().type(3)) + ", " + type(op.outputSchema()) + ")");
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
        return "WatermarkStrategy.<Row>forBoundedOutOfOrderness(Duration.ofMillis(" + (d == null ? 0 : d.toMillis()) + "))"
                + ".withTimestampAssigner((r$, t) -> r$.<Long>getFieldAs(" + op.outputSchema().indexOf(field) + "))";
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
