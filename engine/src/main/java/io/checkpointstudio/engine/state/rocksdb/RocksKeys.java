package io.checkpointstudio.engine.state.rocksdb;

/**
 * Keys in RocksDB: 2-byte big-endian key group, 1-byte state id, then the state's serialized key (and user
 * key, for map state). One key group is one prefix range, so a subtask's key groups are one contiguous
 * range and a restore at another parallelism reads just the groups it owns. The names and signatures of
 * the states are kept under the key group {@link #META_GROUP}, outside every key-group range.
 */
final class RocksKeys {
    static final int PREFIX_BYTES = 3;
    static final int LONG_KEY_BYTES = PREFIX_BYTES + 8;
    static final int META_GROUP = 0xFFFF;

    private RocksKeys() {
    }

    static void prefix(int keyGroup, int stateId, byte[] into) {
        into[0] = (byte) (keyGroup >>> 8);
        into[1] = (byte) keyGroup;
        into[2] = (byte) stateId;
    }

    static void encode(int keyGroup, int stateId, long key, byte[] into) {
        prefix(keyGroup, stateId, into);
        putLong(key, into, PREFIX_BYTES);
    }

    static byte[] groupPrefix(int keyGroup) {
        return new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup};
    }

    static int keyGroup(byte[] key) {
        return ((key[0] & 0xff) << 8) | (key[1] & 0xff);
    }

    static int stateId(byte[] key) {
        return key[2] & 0xff;
    }

    static long longAt(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }

    static void putLong(long v, byte[] into, int offset) {
        for (int i = 0; i < 8; i++) {
            into[offset + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix, int prefixLength) {
        if (key.length < prefixLength) {
            return false;
        }
        for (int i = 0; i < prefixLength; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
