package io.checkpointstudio.engine.expression;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;
import org.codehaus.janino.Java;
import org.codehaus.janino.Parser;
import org.codehaus.janino.Scanner;
import org.codehaus.janino.Token;
import org.codehaus.janino.TokenType;
import org.codehaus.janino.UnicodeUnescapeReader;

/** The text of one expression and its syntax tree, as Janino's parser reads it. */
record ParsedExpression(String text, Java.Rvalue root, TextPositions positions) {

    /** Longer expressions are refused: nobody writes them by hand, and they make compilation slow. */
    static final int MAX_LENGTH = 10_000;

    static ParsedExpression parse(String text) throws ExpressionException {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("the expression is empty", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("the expression is longer than " + MAX_LENGTH + " characters", 0);
        }
        TextPositions positions = new TextPositions(text);
        try {
            Parser parser = new Parser(new Scanner(null, new StringReader(text)));
            Java.Rvalue root = parser.parseExpression();
            if (!parser.peek(TokenType.END_OF_INPUT)) {
                Token extra = parser.peek();
                throw new ExpressionException(
                        "unexpected `" + extra.value + "` after the end of the expression",
                        positions.position(extra.getLocation().getLineNumber(), extra.getLocation().getColumnNumber()));
            }
            if (new TextPositions(unescaped(text)).lineCount() != positions.lineCount()) {
                // Line numbers would no longer match the text, and with them every column we report.
                throw new ExpressionException("a unicode escape of a line break (\\u000a, \\u000d) is not allowed", 0);
            }
            return new ParsedExpression(text, root, positions);
        } catch (CompileException e) {
            Location at = e.getLocation();
            int column = at == null ? 0 : positions.position(at.getLineNumber(), at.getColumnNumber());
            throw new ExpressionException(JaninoMessages.syntaxError(e), column);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** The text as Janino's scanner reads it, after replacing unicode escapes such as {@code \\u0041}. */
    private static String unescaped(String text) throws IOException {
        StringBuilder out = new StringBuilder(text.length());
        try (Reader in = new UnicodeUnescapeReader(new StringReader(text))) {
            for (int c = in.read(); c != -1; c = in.read()) {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    int position(Location location) {
        return location == null ? 0 : positions.position(location.getLineNumber(), location.getColumnNumber());
    }
}
