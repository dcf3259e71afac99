package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordBatch;
import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import org.codehaus.janino.util.ClassFile;

/**
 * Defines one generated class and lets it link only to the few classes expressions need (defence in depth behind
 * {@link AllowListCheck}): a reference to {@code System}, {@code Runtime}, {@code Class}, {@code Thread}, files or
 * anything else fails with {@link NoClassDefFoundError} when the code runs.
 */
final class GeneratedClassLoader extends ClassLoader {
    private static final Set<String> VISIBLE = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.CharSequence", "java.lang.Comparable",
            "java.io.Serializable", "java.lang.StringBuilder", "java.lang.Math", "java.lang.StrictMath",
            "java.lang.Number", "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
            RecordBatch.class.getName(), BatchFilter.class.getName(), ProjectionKernel.class.getName(),
            Reducer.class.getName(), ExpressionFunctions.class.getName(), ExpressionStrings.class.getName());

    private final ClassLoader engine = GeneratedClassLoader.class.getClassLoader();

    private GeneratedClassLoader() {
        super("checkpoint-studio-expression", null);
    }

    /** Defines the class and returns a new instance of it, created with its public no-argument constructor. */
    static <T> T instantiate(ClassFile classFile, Class<T> type) {
        GeneratedClassLoader loader = new GeneratedClassLoader();
        byte[] bytes = classFile.toByteArray();
        Class<?> generated = loader.defineClass(classFile.getThisClassName(), bytes, 0, bytes.length);
        try {
            return type.cast(generated.getConstructor().newInstance());
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
            throw new IllegalStateException("cannot instantiate generated " + generated.getName(), e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (!VISIBLE.contains(name)) {
                    throw new ClassNotFoundException(name + " is not visible to expressions");
                }
                c = Class.forName(name, false, engine);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
