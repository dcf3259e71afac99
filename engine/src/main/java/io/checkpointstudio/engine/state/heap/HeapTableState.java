package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.ByteWriter;
import io.checkpointstudio.engine.state.StateBlock;
import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.StateKind;
import io.checkpointstudio.engine.state.StateSerializer;
import java.util.HashMap;
import java.util.Map;

/** What the heap value, reducing, list and map states share: a {@link CowTable} and its (de)serialization by kind. */
abstract class HeapTableState implements HeapState {
    protected final StateDescriptor descriptor;
    protected final CowTable table;
    private final int firstKeyGroup;

    HeapTableState(HeapKeyedStateBackend backend, StateDescriptor descriptor) {
        this.descriptor = descriptor;
        this.table = new CowTable(backend);
        this.firstKeyGroup = backend.firstKeyGroup();
    }

    @Override
    public StateDescriptor descriptor() {
        return descriptor;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Capture capture() {
        HashMap<Object, Object>[] groups = table.capture();
        StateSerializer<Object> key = (StateSerializer<Object>) descriptor.key();
        StateSerializer<Object> userKey = (StateSerializer<Object>) descriptor.userKey();
        StateSerializer<Object> value = (StateSerializer<Object>) descriptor.value();
        String name = descriptor.name();
        String signature = descriptor.signature();
        StateKind kind = descriptor.kind();
        return keyGroup -> {
            HashMap<Object, Object> m = groups[keyGroup - firstKeyGroup];
            if (m == null || m.isEmpty()) {
                return null;
            }
            ByteWriter out = new ByteWriter(m.size() * 24);
            int entries = 0;
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                switch (kind) {
                    case VALUE, REDUCING -> {
                        key.write(e.getKey(), out);
                        value.write(e.getValue(), out);
                        entries++;
                    }
                    case LIST -> {
                        key.write(e.getKey(), out);
                        Box box = (Box) e.getValue();
                        out.writeInt(box.list.size());
                        for (Object v : box.list) {
                            value.write(v, out);
                        }
                        entries++;
                    }
                    case MAP -> {
                        for (Map.Entry<Object, Object> u : ((Box) e.getValue()).map.entrySet()) {
                            key.write(e.getKey(), out);
                            userKey.write(u.getKey(), out);
                            value.write(u.getValue(), out);
                            entries++;
                        }
                    }
                }
            }
            return new StateBlock(name, signature, entries, out.buffer(), out.size());
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(StateBlock block) {
        StateSerializer<Object> key = (StateSerializer<Object>) descriptor.key();
        StateSerializer<Object> userKey = (StateSerializer<Object>) descriptor.userKey();
        StateSerializer<Object> value = (StateSerializer<Object>) descriptor.value();
        ByteReader in = new ByteReader(block.bytes(), 0, block.length());
        for (int i = 0; i < block.entries(); i++) {
            Object k = key.read(in);
            switch (descriptor.kind()) {
                case VALUE, REDUCING -> table.writable(k).put(k, value.read(in));
                case LIST -> {
                    int n = in.readInt();
                    Box box = table.writableBox(k, true);
                    for (int j = 0; j < n; j++) {
                        box.list.add(value.read(in));
                    }
                }
                case MAP -> {
                    Object uk = userKey.read(in);
                    table.writableBox(k, false).map.put(uk, value.read(in));
                }
            }
        }
    }
}
