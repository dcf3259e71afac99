package io.checkpointstudio.engine.expression;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;
import org.codehaus.janino.ClassLoaderIClassLoader;
import org.codehaus.janino.Java;
import org.codehaus.janino.Parser;
import org.codehaus.janino.Scanner;
import org.codehaus.janino.UnitCompiler;
import org.codehaus.janino.util.ClassFile;
import org.codehaus.janino.util.DeepCopier;

/**
 * One run of Janino over a unit of generated source. It collects every error instead of stopping at the first,
 * and keeps the compiled syntax tree so that callers can ask the compiler how it resolved a method call.
 *
 * <p>Each run has its own type loader (cheap: well under a millisecond), so runs share nothing and may happen on
 * any number of threads at once.
 */
final class JaninoRun {
    /** A compile error at a (line, column) of the generated source. */
    record Error(int line, int column, String message) {
    }

    private final Java.AbstractCompilationUnit unit;
    private final UnitCompiler compiler;
    private final List<ClassFile> classFiles;
    private final List<Error> errors;
    private final boolean aborted;

    private JaninoRun(Java.AbstractCompilationUnit unit, UnitCompiler compiler, List<ClassFile> classFiles,
            List<Error> errors, boolean aborted) {
        this.unit = unit;
        this.compiler = compiler;
        this.classFiles = classFiles;
        this.errors = errors;
        this.aborted = aborted;
    }

    /**
     * Parses and compiles {@code source}. {@code rewriter}, if not null, turns the parsed unit into the one that
     * is compiled (keeping source locations, so errors still point into the text).
     */
    static JaninoRun compile(String source, String fileName, DeepCopier rewriter) {
        List<Error> errors = new ArrayList<>();
        Java.AbstractCompilationUnit unit;
        try {
            unit = new Parser(new Scanner(fileName, new StringReader(source))).parseAbstractCompilationUnit();
            if (rewriter != null) {
                unit = rewriter.copyAbstractCompilationUnit(unit);
            }
        } catch (CompileException e) {
            errors.add(error(e.getLocation(), JaninoMessages.syntaxError(e)));
            return new JaninoRun(null, null, List.of(), errors, true);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        // The compiler sees every class of the engine; what generated code may link to at run time is limited
        // by GeneratedClassLoader, and what an expression may name by AllowListCheck.
        UnitCompiler compiler = new UnitCompiler(unit, new ClassLoaderIClassLoader(JaninoRun.class.getClassLoader()));
        compiler.setCompileErrorHandler((message, location) -> errors.add(error(location, message)));
        compiler.setWarningHandler((handle, message, location) -> { });
        List<ClassFile> classFiles = new ArrayList<>();
        boolean aborted = false;
        try {
            compiler.compileUnit(false, true, false, classFiles);
        } catch (CompileException e) {
            // With an error handler installed, Janino throws only to say "there were errors", which we have.
            if (errors.isEmpty()) {
                errors.add(error(e.getLocation(), e.getMessage()));
            }
        } catch (RuntimeException | AssertionError e) {
            // Janino sometimes trips over its own state while generating code after reporting an error (seen with
            // a String method called on a number); the errors reported before that are still right.
            aborted = true;
            if (errors.isEmpty()) {
                errors.add(new Error(0, 0, "internal compiler error: " + e));
            }
        }
        return new JaninoRun(unit, compiler, errors.isEmpty() ? classFiles : List.of(), errors, aborted);
    }

    private static Error error(Location location, String message) {
        return location == null
                ? new Error(0, 0, message)
                : new Error(location.getLineNumber(), location.getColumnNumber(), message);
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** Janino stopped before the end of the unit, so the parts after the first error were not compiled. */
    boolean aborted() {
        return aborted;
    }

    List<Error> errors() {
        return errors;
    }

    List<ClassFile> classFiles() {
        return classFiles;
    }

    /** The compiled syntax tree; null if the source did not parse. */
    Java.AbstractCompilationUnit unit() {
        return unit;
    }

    /** The compiler of this run, to ask how it resolved names; null if the source did not parse. */
    UnitCompiler compiler() {
        return compiler;
    }
}
