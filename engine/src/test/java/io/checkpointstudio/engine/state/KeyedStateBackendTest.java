package io.checkpointstudio.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.config.StateBackendType;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.runtime.KeyGroups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of keyed state on both backends: reads and writes, snapshots restored into the other backend and rescaled. */
class KeyedStateBackendTest {
    private static final int MAX_P = 16;
    private static final RowSerializer ROW = RowSerializer.of(new Field("count", FieldType.LONG), new Field("sum", FieldType.DOUBLE));

    @TempDir
    Path dir;
    private int folders;

    enum Backend { HEAP, ROCKSDB, ROCKSDB_INCREMENTAL }

    private KeyedStateBackend open(Backend b, int first, int last, StateRestore restore) throws Exception {
        KeyedBackendSpec spec = new KeyedBackendSpec(b == Backend.HEAP ? StateBackendType.HASHMAP : StateBackendType.ROCKSDB,
                b == Backend.ROCKSDB_INCREMENTAL, dir.resolve("work").resolve("w" + folders++), first, last, MAX_P, dir.resolve("job"));
        return KeyedStateBackend.create(spec, restore);
    }

    private KeyedStateBackend open(Backend b) throws Exception {
        return open(b, 0, MAX_P - 1, null);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void valueState_putGetUpdateClearIterate(Backend b) throws Exception {
        try (KeyedStateBackend backend = open(b)) {
            ValueState<String, Object[]> s = backend.valueState("v", FieldSerializer.STRING, ROW);
            assertThat(s.get("a")).isNull();
            s.put("a", new Object[] {1L, 1.5});
            s.put("b", new Object[] {2L, 2.5});
            s.put("a", new Object[] {3L, 4.5});
            assertThat(s.get("a")).containsExactly(3L, 4.5);
            s.clear("b");
            assertThat(s.get("b")).isNull();
            Map<String, Object[]> all = new HashMap<>();
            s.forEach(all::put);
            assertThat(all).containsOnlyKeys("a");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reducingState_combinesPerKey(Backend b) throws Exception {
        try (KeyedStateBackend backend = open(b)) {
            ReducingState<Long, Long> s = backend.reducingState("r", FieldSerializer.LONG, FieldSerializer.LONG, Long::sum);
            assertThat(s.add(7L, 5L)).isEqualTo(5L);
            assertThat(s.add(7L, 6L)).isEqualTo(11L);
            assertThat(s.add(8L, 1L)).isEqualTo(1L);
            assertThat(s.get(7L)).isEqualTo(11L);
            s.clear(7L);
            assertThat(s.get(7L)).isNull();
            Map<Long, Long> all = new HashMap<>();
            s.forEach(all::put);
            assertThat(all).isEqualTo(Map.of(8L, 1L));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listState_appendsUpdatesAndClears(Backend b) throws Exception {
        try (KeyedStateBackend backend = open(b)) {
            ListState<String, String> s = backend.listState("l", FieldSerializer.STRING, FieldSerializer.STRING);
            assertThat(s.get("k")).isEmpty();
            s.add("k", "x");
            s.add("k", "y");
            s.add("j", "z");
            assertThat(s.get("k")).containsExactly("x", "y");
            s.update("j", List.of("p", "q"));
            assertThat(s.get("j")).containsExactly("p", "q");
            s.clear("k");
            assertThat(s.get("k")).isEmpty();
            Map<String, List<String>> all = new HashMap<>();
            s.forEach(all::put);
            assertThat(all).isEqualTo(Map.of("j", List.of("p", "q")));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mapState_putGetRemoveEntriesAndIterate(Backend b) throws Exception {
        try (KeyedStateBackend backend = open(b)) {
            MapState<String, Long, Long> s = backend.mapState("m", FieldSerializer.STRING, FieldSerializer.LONG, FieldSerializer.LONG);
            s.put("a", 1000L, 1L);
            s.put("a", 2000L, 2L);
            s.put("ab", 1000L, 3L); // "a" must not see the entries of "ab" (keys are length-prefixed)
            assertThat(s.get("a", 2000L)).isEqualTo(2L);
            assertThat(s.entries("a")).isEqualTo(Map.of(1000L, 1L, 2000L, 2L));
            s.remove("a", 1000L);
            assertThat(s.get("a", 1000L)).isNull();
            assertThat(s.entries("a")).isEqualTo(Map.of(2000L, 2L));
            s.clear("a");
            assertThat(s.entries("a")).isEmpty();
            List<String> all = new ArrayList<>();
            s.forEach((k, uk, v) -> all.add(k + "/" + uk + "=" + v));
            assertThat(all).containsExactly("ab/1000=3");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void longValueState_addsAndPuts(Backend b) throws Exception {
        try (KeyedStateBackend backend = open(b)) {
            LongValueState s = backend.longValueState("sum", FieldType.LONG);
            assertThat(s.contains(3)).isFalse();
            assertThat(s.addTo(3, 4)).isEqualTo(4);
            assertThat(s.addTo(3, 4)).isEqualTo(8);
            s.put(Long.MIN_VALUE, 9);
            assertThat(s.get(Long.MIN_VALUE, -1)).isEqualTo(9);
            assertThat(s.get(5, -1)).isEqualTo(-1);
        }
    }

    static Stream<Arguments> backendPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Backend from : Backend.values()) {
            for (Backend to : Backend.values()) {
                if (from != to) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    /** All kinds of state in one backend; a snapshot restored into the other backend at 1, 2 and 4 subtasks holds each key exactly once. */
    @ParameterizedTest
    @MethodSource("backendPairs")
    void snapshot_restoresIntoTheOtherBackend_redistributedOver1_2_4Subtasks(Backend from, Backend to) throws Exception {
        StateSnapshots files;
        try (KeyedStateBackend backend = open(from)) {
            fill(backend);
            files = StateSnapshots.write(backend.snapshot(1, false), dir.resolve("job"), 1, 0, MAX_P - 1);
        }
        if (from == Backend.ROCKSDB_INCREMENTAL) {
            assertThat(files.incremental()).as("an incremental RocksDB checkpoint is native").isNotNull();
            assertThat(files.incremental().sharedFiles()).isNotEmpty();
        }
        for (int parallelism : new int[] {1, 2, 4}) {
            Map<String, String> union = new HashMap<>();
            for (int subtask = 0; subtask < parallelism; subtask++) {
                int first = KeyGroups.firstKeyGroup(MAX_P, parallelism, subtask);
                int last = KeyGroups.lastKeyGroup(MAX_P, parallelism, subtask);
                try (KeyedStateBackend backend = open(to, first, last, files.restore(first, last))) {
                    Map<String, String> seen = dump(backend);
                    for (String k : seen.keySet()) {
                        String key = k.substring(k.indexOf(':') + 1, k.indexOf('#'));
                        int group = k.startsWith("longs:") ? KeyGroups.keyGroupOf(Long.parseLong(key), MAX_P) : KeyGroups.keyGroupOf(key, MAX_P);
                        assertThat(group).as("%s restored into subtask %d of %d", k, subtask, parallelism).isBetween(first, last);
                    }
                    assertThat(union.keySet()).doesNotContainAnyElementsOf(seen.keySet());
                    union.putAll(seen);
                }
            }
            assertThat(union).as("state restored at parallelism %d", parallelism).isEqualTo(expectedDump());
        }
    }

    @Test
    void restoringAStateUnderAnotherType_isAnError() throws Exception {
        StateSnapshots files;
        try (KeyedStateBackend backend = open(Backend.HEAP)) {
            backend.valueState("v", FieldSerializer.STRING, FieldSerializer.LONG).put("a", 1L);
            files = StateSnapshots.write(backend.snapshot(1, false), dir.resolve("job"), 1, 0, MAX_P - 1);
        }
        for (Backend b : Backend.values()) {
            assertThatThrownBy(() -> {
                try (KeyedStateBackend backend = open(b, 0, MAX_P - 1, files.restore(0, MAX_P - 1))) {
                    backend.valueState("v", FieldSerializer.STRING, FieldSerializer.DOUBLE);
                }
            }).as(b.name()).hasMessageContaining("'v' was value<string,long>").hasMessageContaining("value<string,double>");
        }
    }

    /** Copy-on-write: updates after the synchronous capture do not reach the snapshot written afterwards. */
    @Test
    void heapSnapshot_isNotChangedByUpdatesAfterItsCapture() throws Exception {
        try (KeyedStateBackend backend = open(Backend.HEAP)) {
            fill(backend);
            OperatorSnapshot captured = backend.snapshot(1, false);
            ValueState<String, Object[]> value = backend.valueState("later", FieldSerializer.STRING, ROW);
            value.put("new", new Object[] {0L, 0.0});
            change(backend);
            StateSnapshots files = StateSnapshots.write(captured, dir.resolve("job"), 1, 0, MAX_P - 1);
            try (KeyedStateBackend restored = open(Backend.HEAP, 0, MAX_P - 1, files.restore(0, MAX_P - 1))) {
                assertThat(dump(restored)).isEqualTo(expectedDump());
            }
        }
    }

    private static final int KEYS = 200;
    private ValueState<String, Object[]> value;
    private ReducingState<String, Long> reducing;
    private ListState<String, String> list;
    private MapState<String, Long, Long> map;
    private LongValueState longs;

    private void register(KeyedStateBackend backend) {
        value = backend.valueState("value", FieldSerializer.STRING, ROW);
        reducing = backend.reducingState("reducing", FieldSerializer.STRING, FieldSerializer.LONG, Long::sum);
        list = backend.listState("list", FieldSerializer.STRING, FieldSerializer.STRING);
        map = backend.mapState("map", FieldSerializer.STRING, FieldSerializer.LONG, FieldSerializer.LONG);
        longs = backend.longValueState("longs", FieldType.DOUBLE);
    }

    private void fill(KeyedStateBackend backend) {
        register(backend);
        for (int i = 0; i < KEYS; i++) {
            String k = "k" + i;
            value.put(k, new Object[] {(long) i, i / 2.0});
            reducing.add(k, (long) i);
            reducing.add(k, 1L);
            list.add(k, "a" + i);
            list.add(k, "b" + i);
            map.put(k, 1000L, (long) i);
            map.put(k, 2000L, (long) -i);
            longs.put(i, Double.doubleToRawLongBits(i * 0.25));
        }
    }

    /** Changes every state after a capture: values, list items, map entries, removals. */
    private void change(KeyedStateBackend backend) {
        for (int i = 0; i < KEYS; i++) {
            String k = "k" + i;
            value.put(k, new Object[] {-1L, -1.0});
            reducing.add(k, 100L);
            list.add(k, "c");
            map.put(k, 3000L, 3L);
            map.remove(k, 1000L);
            longs.addTo(i, 1);
        }
        list.clear("k0");
        reducing.clear("k1");
    }

    /** Every entry as "state:key#detail" -> value, with longs keyed by "longs:k<i>". */
    private Map<String, String> dump(KeyedStateBackend backend) {
        register(backend);
        Map<String, String> out = new HashMap<>();
        value.forEach((k, v) -> out.put("value:" + k + "#", v[0] + "," + v[1]));
        reducing.forEach((k, v) -> out.put("reducing:" + k + "#", v.toString()));
        list.forEach((k, v) -> out.put("list:" + k + "#", v.toString()));
        map.forEach((k, uk, v) -> out.put("map:" + k + "#" + uk, v.toString()));
        for (int i = 0; i < KEYS; i++) {
            if (longs.contains(i)) {
                out.put("longs:" + i + "#", Double.toString(Double.longBitsToDouble(longs.get(i, 0))));
            }
        }
        return out;
    }

    private static Map<String, String> expectedDump() {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            String k = "k" + i;
            out.put("value:" + k + "#", i + "," + (i / 2.0));
            out.put("reducing:" + k + "#", Long.toString(i + 1L));
            out.put("list:" + k + "#", List.of("a" + i, "b" + i).toString());
            out.put("map:" + k + "#1000", Long.toString(i));
            out.put("map:" + k + "#2000", Long.toString(-i));
            out.put("longs:" + i + "#", Double.toString(i * 0.25));
        }
        return out;
    }
}
