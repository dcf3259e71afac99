package io.checkpointstudio.app.compare;

import io.checkpointstudio.app.session.SinkRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What two runs' sinks delivered, compared key by key. Side A is the baseline (the run you trust, for
 * example EXACTLY_ONCE); side B is measured against it.
 *
 * <ul>
 *   <li><b>duplicates</b> (each side on its own): copies of a record beyond the first, e.g. the records an
 *       AT_LEAST_ONCE sink wrote again after a restore replayed them;</li>
 *   <li><b>missing</b> (B): distinct records A delivered and B did not;</li>
 *   <li><b>unexpected</b> (B): distinct records B delivered and A did not (a running count that went too far
 *       after state counted a replayed record twice);</li>
 *   <li><b>different final value</b>: keys whose last record differs between the runs (what an upsert
 *       table would end up with).</li>
 * </ul>
 *
 * A baseline's missing and unexpected are zero by definition; check the baseline itself against an
 * oracle (the tests do) or against another baseline.
 */
public record SinkDiff(Side a, Side b, List<KeyDiff> keys) {

    /** Figures of one side. */
    public record Side(long records, long distinct, long duplicates, int duplicateKeys, long missing, int missingKeys,
                       long unexpected, int unexpectedKeys, int differentFinalKeys) {

        public boolean clean() {
            return duplicates == 0 && missing == 0 && unexpected == 0 && differentFinalKeys == 0;
        }
    }

    /** One key where the runs differ. */
    public record KeyDiff(String key, long aRecords, long bRecords, long aDuplicates, long bDuplicates, long missing,
                          long unexpected, String aFinal, String bFinal) {
    }

    public static SinkDiff of(List<SinkRecords.Entry> baseline, List<SinkRecords.Entry> other) {
        Map<String, PerKey> a = group(baseline);
        Map<String, PerKey> b = group(other);
        TreeMap<String, Boolean> allKeys = new TreeMap<>(SinkDiff::compareKeys);
        a.keySet().forEach(k -> allKeys.put(k, true));
        b.keySet().forEach(k -> allKeys.put(k, true));
        long aDup = 0;
        long bDup = 0;
        long missing = 0;
        long unexpected = 0;
        int aDupKeys = 0;
        int bDupKeys = 0;
        int missingKeys = 0;
        int unexpectedKeys = 0;
        int differentFinal = 0;
        List<KeyDiff> keys = new ArrayList<>();
        PerKey none = new PerKey();
        for (String k : allKeys.keySet()) {
            PerKey x = a.getOrDefault(k, none);
            PerKey y = b.getOrDefault(k, none);
            long xd = x.records - x.counts.size();
            long yd = y.records - y.counts.size();
            long miss = x.counts.keySet().stream().filter(r -> !y.counts.containsKey(r)).count();
            long extra = y.counts.keySet().stream().filter(r -> !x.counts.containsKey(r)).count();
            boolean finalDiffers = !Objects.equals(x.last, y.last);
            aDup += xd;
            bDup += yd;
            missing += miss;
            unexpected += extra;
            aDupKeys += xd > 0 ? 1 : 0;
            bDupKeys += yd > 0 ? 1 : 0;
            missingKeys += miss > 0 ? 1 : 0;
            unexpectedKeys += extra > 0 ? 1 : 0;
            differentFinal += finalDiffers ? 1 : 0;
            if (xd > 0 || yd > 0 || miss > 0 || extra > 0 || finalDiffers) {
                keys.add(new KeyDiff(k, x.records, y.records, xd, yd, miss, extra, x.last, y.last));
            }
        }
        long aDistinct = a.values().stream().mapToLong(p -> p.counts.size()).sum();
        long bDistinct = b.values().stream().mapToLong(p -> p.counts.size()).sum();
        return new SinkDiff(new Side(baseline.size(), aDistinct, aDup, aDupKeys, 0, 0, 0, 0, 0),
                new Side(other.size(), bDistinct, bDup, bDupKeys, missing, missingKeys, unexpected, unexpectedKeys, differentFinal),
                keys);
    }

    private static final class PerKey {
        final Map<String, Integer> counts = new HashMap<>();
        long records;
        String last;
    }

    private static Map<String, PerKey> group(List<SinkRecords.Entry> entries) {
        Map<String, PerKey> byKey = new LinkedHashMap<>();
        for (SinkRecords.Entry e : entries) {
            PerKey p = byKey.computeIfAbsent(e.key(), k -> new PerKey());
            p.counts.merge(e.record(), 1, Integer::sum);
            p.records++;
            p.last = e.record();
        }
        return byKey;
    }

    /** Numbers in numeric order, then text. */
    static int compareKeys(String x, String y) {
        boolean xn = x.matches("-?\\d{1,18}");
        boolean yn = y.matches("-?\\d{1,18}");
        if (xn && yn) {
            return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        return xn ? -1 : yn ? 1 : x.compareTo(y);
    }

    /** "1,234 duplicate records over 812 keys" or "none". */
    public static String describe(Side s, boolean baseline) {
        List<String> parts = new ArrayList<>();
        if (s.duplicates() > 0) {
            parts.add(count(s.duplicates(), "duplicate record") + " over " + count(s.duplicateKeys(), "key"));
        }
        if (!baseline && s.missing() > 0) {
            parts.add(count(s.missing(), "missing record") + " over " + count(s.missingKeys(), "key"));
        }
        if (!baseline && s.unexpected() > 0) {
            parts.add(count(s.unexpected(), "unexpected record") + " over " + count(s.unexpectedKeys(), "key"));
        }
        if (!baseline && s.differentFinalKeys() > 0) {
            parts.add(count(s.differentFinalKeys(), "key") + " with another final value");
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    static String count(long n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
