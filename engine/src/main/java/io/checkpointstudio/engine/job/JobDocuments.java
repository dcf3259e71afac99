package io.checkpointstudio.engine.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes job documents. Reading never throws for bad content: it returns what it could read
 * together with problems that name the JSON path, so that several mistakes are reported at once. Writing
 * is pretty-printed with a stable key order (layout last) so that saved jobs diff well.
 */
public final class JobDocuments {
    private static final Set<String> TOP_LEVEL_KEYS =
            Set.of("format", "name", "description", "config", "operators", "edges", "layout");
    private static final Set<String> OPERATOR_KEYS = Set.of("id", "type", "name", "parallelism", "params");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.ALLOW_COMMENTS);

    private JobDocuments() {
    }

    /** The outcome of reading: the document (absent only when the text is not JSON at all) and problems. */
    public record ReadResult(Optional<JobDocument> document, List<Problem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    public static ReadResult read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ReadResult(Optional.empty(), List.of(Problem.error(file.toString(), "file not found")));
        } catch (IOException e) {
            return new ReadResult(Optional.empty(), List.of(Problem.error(file.toString(), "cannot read: " + e.getMessage())));
        }
        return parse(text);
    }

    public static ReadResult parse(String text) {
        if (text.isBlank()) {
            return new ReadResult(Optional.empty(), List.of(Problem.error("$",
                    "the file is empty; a job document is a JSON object with format, name, config, operators and edges")));
        }
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text)) {
            root = MAPPER.readTree(parser);
            if (root != null && hasMoreTokens(parser)) {
                return new ReadResult(Optional.empty(), List.of(Problem.error(where(parser.currentTokenLocation()),
                        "not valid JSON: more text after the end of the document; is there a '}' or ']' too many?")));
            }
        } catch (JsonProcessingException e) {
            return new ReadResult(Optional.empty(), List.of(Problem.error(where(e.getLocation()),
                    "not valid JSON: " + jsonSyntaxMessage(e.getOriginalMessage()))));
        } catch (IOException e) {
            return new ReadResult(Optional.empty(), List.of(Problem.error("$", "cannot read: " + e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add(Problem.error("$", "a job document is a JSON object with format, name, config, operators and edges"));
            return new ReadResult(Optional.empty(), problems);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                problems.add(Problem.error(key, "unknown key" + Suggestions.didYouMean(key, TOP_LEVEL_KEYS)
                        + "; a job document has " + String.join(", ", orderedTopLevelKeys())));
            }
        }
        String format = text(root, "format", "format", problems);
        if (format == null && !root.hasNonNull("format")) {
            problems.add(Problem.error("format", "is required; start the document with \"format\": \"" + JobDocument.FORMAT + "\""));
        }
        if (format != null && !format.equals(JobDocument.FORMAT)) {
            problems.add(Problem.error("format", "unsupported format '" + format + "'; this version reads '" + JobDocument.FORMAT + "'"));
        }
        String name = text(root, "name", "name", problems);
        if (name == null && !root.hasNonNull("name")) {
            problems.add(Problem.error("name", "is required; give the job a short name, such as \"clicks-per-user\""));
        } else if (name != null && name.isBlank()) {
            problems.add(Problem.error("name", "must not be empty; give the job a short name, such as \"clicks-per-user\""));
        }
        String description = text(root, "description", "description", problems);
        Map<String, Object> config = readConfig(root.get("config"), problems);
        List<OperatorSpec> operators = readOperators(root.get("operators"), problems);
        List<EdgeSpec> edges = readEdges(root.get("edges"), problems);
        Map<String, NodePosition> layout = readLayout(root.get("layout"), problems);
        JobDocument doc = new JobDocument(format == null ? JobDocument.FORMAT : format, name, description, config, operators, edges, layout);
        return new ReadResult(Optional.of(doc), problems);
    }

    private static boolean hasMoreTokens(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "$" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Jackson's reference to an earlier position, which names the input and not a place in it. */
    private static final Pattern SOURCE_REFERENCE = Pattern.compile(" ?\\([^()]*\\[Source:.*$");

    private static final Pattern CHARACTER_CODE = Pattern.compile("\\(('.+?') \\(code \\d+\\)\\)");

    /**
     * Jackson's message without its character codes, lower-cased at the start, with a hint for the
     * mistakes people make most: a missing comma, a comma too many, a document cut short.
     */
    static String jsonSyntaxMessage(String jackson) {
        String message = CHARACTER_CODE.matcher(jackson == null ? "syntax error" : jackson.strip()).replaceAll("$1")
                .replace("Duplicate field", "duplicate key");
        message = SOURCE_REFERENCE.matcher(message).replaceAll("");
        message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        if (message.contains("was expecting comma")) {
            return message + "; is a comma missing before it?";
        }
        if (message.startsWith("unexpected character '}'") || message.startsWith("unexpected character ']'")) {
            return message + "; is there a comma too many before it?";
        }
        if (message.contains("end-of-input")) {
            return message + "; the document ends too early: is a closing '}' or ']' missing?";
        }
        if (message.startsWith("unexpected character '''")) {
            return message + "; JSON needs double quotes around names and strings";
        }
        if (message.startsWith("duplicate key")) {
            return message + "; keep one";
        }
        return message;
    }

    private static List<String> orderedTopLevelKeys() {
        return List.of("format", "name", "description", "config", "operators", "edges", "layout");
    }

    /**
     * The string at {@code key}; null when it is absent (the caller says whether that is a problem) or
     * not a string (reported here, at {@code path}).
     */
    private static String text(JsonNode node, String key, String path, List<Problem> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(Problem.error(path, "must be a string, not " + kind(v)));
            return null;
        }
        return v.textValue();
    }

    private static Map<String, Object> readConfig(JsonNode node, List<Problem> problems) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return config;
        }
        if (!node.isObject()) {
            problems.add(Problem.error("config", "must be an object of Flink configuration keys, not " + kind(node)));
            return config;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                problems.add(Problem.error("config." + e.getKey(), "must be a string, number or boolean, not " + kind(v)));
                continue;
            }
            config.put(e.getKey(), toJava(v));
        }
        return config;
    }

    private static List<OperatorSpec> readOperators(JsonNode node, List<Problem> problems) {
        List<OperatorSpec> operators = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add(Problem.error("operators", "is required (a list of operators)"));
            return operators;
        }
        if (!node.isArray()) {
            problems.add(Problem.error("operators", "must be a list of operators, not " + kind(node)));
            return operators;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "operators[" + i + "]";
            JsonNode op = node.get(i);
            if (!op.isObject()) {
                problems.add(Problem.error(path, "must be an object with id, type and params, not " + kind(op)));
                continue;
            }
            for (Iterator<String> it = op.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!OPERATOR_KEYS.contains(key)) {
                    problems.add(Problem.error(path + "." + key, "unknown key" + Suggestions.didYouMean(key, OPERATOR_KEYS)
                            + "; an operator has id, type, name, parallelism and params"));
                }
            }
            // A missing id or type is the validator's to report (it knows the types there are).
            String id = text(op, "id", path + ".id", problems);
            String type = text(op, "type", path + ".type", problems);
            String name = text(op, "name", path + ".name", problems);
            Integer parallelism = null;
            JsonNode p = op.get("parallelism");
            if (p != null && !p.isNull()) {
                if (!p.isIntegralNumber() || p.asLong() < 1 || p.asLong() > 32768) {
                    problems.add(Problem.error(path + ".parallelism", "must be a whole number from 1 to 32768, not " + p));
                } else {
                    parallelism = p.intValue();
                }
            }
            Map<String, Object> params = new LinkedHashMap<>();
            JsonNode ps = op.get("params");
            if (ps != null && !ps.isNull()) {
                if (!ps.isObject()) {
                    problems.add(Problem.error(path + ".params", "must be an object, not " + kind(ps)));
                } else {
                    for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        params.put(e.getKey(), toJava(e.getValue()));
                    }
                }
            }
            // Kept even without an id or type (blank, which the validator reports), so that operators[i] stays
            // the i-th operator of the file in every message.
            operators.add(new OperatorSpec(id == null ? "" : id, type == null ? "" : type, name, parallelism, params));
        }
        return operators;
    }

    private static List<EdgeSpec> readEdges(JsonNode node, List<Problem> problems) {
        List<EdgeSpec> edges = new ArrayList<>();
        if (node == null || node.isNull()) {
            return edges;
        }
        if (!node.isArray()) {
            problems.add(Problem.error("edges", "must be a list of [from, to] pairs, not " + kind(node)));
            return edges;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            if (!e.isArray() || e.size() != 2 || !e.get(0).isTextual() || !e.get(1).isTextual()) {
                problems.add(Problem.error("edges[" + i + "]", "must be a pair of operator ids such as [\"source\", \"filter\"], not " + e));
                continue;
            }
            edges.add(new EdgeSpec(e.get(0).textValue(), e.get(1).textValue()));
        }
        return edges;
    }

    private static Map<String, NodePosition> readLayout(JsonNode node, List<Problem> problems) {
        Map<String, NodePosition> layout = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return layout;
        }
        if (!node.isObject()) {
            problems.add(Problem.error("layout", "must be an object of operator id to [x, y], not " + kind(node)));
            return layout;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
                problems.add(Problem.warning("layout." + e.getKey(), "must be [x, y]; the designer will place this operator itself"));
                continue;
            }
            layout.put(e.getKey(), new NodePosition(v.get(0).asDouble(), v.get(1).asDouble()));
        }
        return layout;
    }

    static Object toJava(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(toJava(x)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), toJava(e.getValue()));
        }
        return map;
    }

    static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        } else if (v.isNumber()) {
            return "a number";
        } else if (v.isBoolean()) {
            return "a boolean";
        } else if (v.isArray()) {
            return "a list";
        } else if (v.isObject()) {
            return "an object";
        }
        return "null";
    }

    /** The document as pretty-printed JSON with a stable key order: format, name, description, config, operators, edges, layout. */
    public static String toJson(JobDocument doc) {
        JsonTextWriter w = new JsonTextWriter();
        w.beginObject();
        w.field("format", doc.format());
        if (doc.name() != null) {
            w.field("name", doc.name());
        }
        if (doc.description() != null) {
            w.field("description", doc.description());
        }
        w.beginObject("config");
        doc.config().forEach(w::field);
        w.endObject();
        w.beginArray("operators");
        for (OperatorSpec op : doc.operators()) {
            w.beginObject();
            w.field("id", op.id());
            w.field("type", op.type());
            if (op.name() != null) {
                w.field("name", op.name());
            }
            if (op.parallelism() != null) {
                w.field("parallelism", op.parallelism());
            }
            w.beginObject("params");
            op.params().forEach(w::field);
            w.endObject();
            w.endObject();
        }
        w.endArray();
        w.beginArray("edges");
        for (EdgeSpec e : doc.edges()) {
            w.element(List.of(e.from(), e.to()));
        }
        w.endArray();
        w.beginObject("layout");
        doc.layout().forEach((id, p) -> w.field(id, List.of(round(p.x()), round(p.y()))));
        w.endObject();
        w.endObject();
        return w.toString();
    }

    private static Number round(double v) {
        return v == Math.rint(v) ? (Number) (long) v : (Number) (Math.round(v * 10) / 10.0);
    }

    /** Writes atomically: a temporary file next to the target, then a rename, so a crash never leaves half a job. */
    public static void write(JobDocument doc, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(doc), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
