package io.checkpointstudio.engine.state.rocksdb;

/**
 * Keys in RocksDB: 2-byte big-endian key group, then the 8-byte big-endian key, so one key group is one
 * prefix range and a subtask's key groups are one contiguous range. Values are 8 bytes big-endian.
 */
final class RocksKeys {
    static final int KEY_BYTES = 10;

    private RocksKeys() {
    }

    static void encode(int keyGroup, long key, byte[] into) {
        into[0] = (byte) (keyGroup >>> 8);
        into[1] = (byte) keyGroup;
        for (int i = 0; i < 8; i++) {
            into[2 + i] = (byte) (key >>> (56 - 8 * i));
        }
    }

    static byte[] prefix(int keyGroup) {
        return new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup};
    }

    static int keyGroup(byte[] key) {
        return ((key[0] & 0xff) << 8) | (key[1] & 0xff);
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
}
