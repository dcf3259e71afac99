package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.record.FieldType;

/**
 * Turns the keys and values of keyed state into bytes and back. Every encoding is self-delimiting (fixed
 * width, or length-prefixed), so a serialized key is never the prefix of another one: RocksDB can then
 * find all entries of one key by prefix, and snapshots need no per-entry lengths. The signature names the
 * type in checkpoints ({@code long}, {@code row(count:long,sum:double)}), so a snapshot can be read back
 * without the operator that wrote it.
 */
public sealed interface StateSerializer<T> permits FieldSerializer, RowSerializer {

    void write(T value, ByteWriter out);

    T read(ByteReader in);

    /** Moves past one encoded value. */
    void skip(ByteReader in);

    String signature();

    /** The value as text for {@code inspect}. */
    default String toText(T value) {
        return String.valueOf(value);
    }

    /** The serializer of one field type. */
    static StateSerializer<Object> of(FieldType type) {
        return FieldSerializer.of(type);
    }

    /** The serializer a signature names. */
    static StateSerializer<?> parse(String signature) {
        if (signature.startsWith("row(")) {
            return RowSerializer.parse(signature);
        }
        FieldType type = FieldType.fromJsonName(signature)
                .orElseThrow(() -> new IllegalArgumentException("unknown state type '" + signature + "'"));
        return FieldSerializer.of(type);
    }
}
