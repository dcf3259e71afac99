package io.checkpointstudio.engine.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of one state in one key group, in the canonical (backend-independent) snapshot format. A
 * key-group section is {@code int blocks}, then per block {@code name, signature, int entries, int bytes,
 * bytes}. An entry is the serialized key (then the user key, for map state) followed by the serialized
 * value (for list state: {@code int n} and n values); the same bytes RocksDB keeps after its key prefix.
 */
public record StateBlock(String name, String signature, int entries, byte[] bytes, int length) {

    public static void writeSection(DataOutputStream out, List<StateBlock> blocks) throws IOException {
        out.writeInt(blocks.size());
        for (StateBlock b : blocks) {
            out.writeUTF(b.name);
            out.writeUTF(b.signature);
            out.writeInt(b.entries);
            out.writeInt(b.length);
            out.write(b.bytes, 0, b.length);
        }
    }

    public static List<StateBlock> readSection(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<StateBlock> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String signature = in.readUTF();
            int entries = in.readInt();
            int length = in.readInt();
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("state file ends inside the entries of state '" + name + "'");
            }
            blocks.add(new StateBlock(name, signature, entries, bytes, length));
        }
        return blocks;
    }

    /** Calls {@code visitor} with the key and value byte ranges of every entry, split with the descriptor's serializers. */
    public void forEachEntry(EntryVisitor visitor) {
        StateDescriptor d = StateDescriptor.parse(name, signature);
        ByteReader in = new ByteReader(bytes, 0, length);
        for (int i = 0; i < entries; i++) {
            int keyStart = in.position();
            d.key().skip(in);
            if (d.userKey() != null) {
                d.userKey().skip(in);
            }
            int valueStart = in.position();
            if (d.kind() == StateKind.LIST) {
                int n = in.readInt();
                for (int k = 0; k < n; k++) {
                    d.value().skip(in);
                }
            } else {
                d.value().skip(in);
            }
            visitor.accept(bytes, keyStart, valueStart - keyStart, valueStart, in.position() - valueStart);
        }
    }

    @FunctionalInterface
    public interface EntryVisitor {
        void accept(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength);
    }
}
