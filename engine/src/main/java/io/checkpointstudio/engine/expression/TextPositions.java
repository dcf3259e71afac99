package io.checkpointstudio.engine.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Janino's (line, column) locations into 1-based positions in the expression text. Janino counts a tab
 * as a jump to the next multiple of 8, so a column is not always a character offset.
 */
final class TextPositions {
    private final String text;
    private final int[] lineStarts;

    TextPositions(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\r' || c == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** The 1-based position of Janino's (line, column), both 1-based; 0 when outside the text. */
    int position(int line, int column) {
        if (line < 1 || line > lineStarts.length || column < 1) {
            return 0;
        }
        int col = 0;
        int i = lineStarts[line - 1];
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                break;
            }
            col = c == '\t' ? col - col % 8 + 8 : col + 1;
            if (col >= column) {
                return i + 1;
            }
        }
        return Math.min(i + 1, Math.max(text.length(), 1));
    }

    /**
     * The position where a qualified name such as {@code java.lang.Math.max} starts, given the position of one of
     * its identifiers and how many identifiers come before that one. Janino locates such names at their last part.
     */
    int startOfQualifiedName(int position, int identifiersBefore) {
        if (position < 1) {
            return position;
        }
        int start = position - 1;
        for (int k = 0; k < identifiersBefore; k++) {
            int i = skipSpaceBackwards(start - 1);
            if (i < 0 || text.charAt(i) != '.') {
                return start + 1;
            }
            i = skipSpaceBackwards(i - 1);
            int end = i;
            while (i >= 0 && Character.isJavaIdentifierPart(text.charAt(i))) {
                i--;
            }
            if (i == end) {
                return start + 1;
            }
            start = i + 1;
        }
        return start + 1;
    }

    private int skipSpaceBackwards(int i) {
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i;
    }
}
