package io.checkpointstudio.engine.expression;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything an expression may use besides field names, literals, operators, parentheses and casts to primitive
 * types or String. This is the one place to widen the sandbox; anything not listed is rejected.
 */
final class AllowList {
    static final String CALL_HELP = "expressions may call only Math, String and the listed functions (see help)";

    /** Pure String instance methods. */
    static final Set<String> STRING_METHODS = Set.of(
            "length", "isEmpty", "isBlank", "charAt", "substring", "indexOf", "lastIndexOf", "contains",
            "startsWith", "endsWith", "toLowerCase", "toUpperCase", "trim", "strip", "replace", "equals",
            "equalsIgnoreCase", "compareTo", "concat", "hashCode", "matches", "repeat");

    /** Constants by qualified name, without the optional {@code java.lang.} prefix. */
    static final List<String> CONSTANTS = List.of(
            "Math.PI", "Math.E", "Long.MAX_VALUE", "Long.MIN_VALUE", "Integer.MAX_VALUE", "Integer.MIN_VALUE",
            "Double.NaN", "Double.POSITIVE_INFINITY", "Double.NEGATIVE_INFINITY");

    /** Classes whose static methods may be called, by simple name, with the methods allowed for each. */
    private static final Map<String, Set<String>> STATIC_METHODS = staticMethods();

    /** Functions callable without a class name: the public static methods of {@link ExpressionFunctions}. */
    private static final Set<String> FUNCTIONS = publicStaticMethodNames(ExpressionFunctions.class);

    private static final String JAVA_LANG = "java.lang.";

    private AllowList() {
    }

    private static Map<String, Set<String>> staticMethods() {
        Set<String> math = publicStaticMethodNames(Math.class);
        math.remove("random"); // not pure: a replay after recovery would see other values
        Set<String> strictMath = publicStaticMethodNames(StrictMath.class);
        strictMath.remove("random");
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("Math", Set.copyOf(math));
        m.put("StrictMath", Set.copyOf(strictMath));
        m.put("String", Set.of("valueOf"));
        m.put("Long", Set.of("parseLong", "toString", "compare", "hashCode", "signum"));
        m.put("Integer", Set.of("parseInt"));
        m.put("Double", Set.of("parseDouble", "toString", "compare", "isNaN"));
        m.put("Boolean", Set.of("parseBoolean", "toString"));
        m.put("Character", Set.of("isDigit", "isLetter"));
        return Map.copyOf(m);
    }

    private static Set<String> publicStaticMethodNames(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The simple name of the allowed class that {@code typeName} ({@code Math} or {@code java.lang.Math}) denotes, or null. */
    static String staticClass(String typeName) {
        String simple = typeName.startsWith(JAVA_LANG) ? typeName.substring(JAVA_LANG.length()) : typeName;
        return STATIC_METHODS.containsKey(simple) ? simple : null;
    }

    static Set<String> staticMethods(String simpleClassName) {
        return STATIC_METHODS.getOrDefault(simpleClassName, Set.of());
    }

    static boolean isConstant(String qualifiedName) {
        String name = qualifiedName.startsWith(JAVA_LANG) ? qualifiedName.substring(JAVA_LANG.length()) : qualifiedName;
        return CONSTANTS.contains(name);
    }

    static boolean isFunction(String name) {
        return FUNCTIONS.contains(name);
    }

    static Set<String> functions() {
        return FUNCTIONS;
    }

    /**
     * Whether a method as Janino resolved it may be called: checked again after compilation, so that a call the
     * syntax check let through cannot end up somewhere else (a value that is not a String, say).
     */
    static boolean allowsResolved(String declaringClass, String method, boolean isStatic) {
        if (!isStatic) {
            return declaringClass.equals("java.lang.String") && STRING_METHODS.contains(method);
        }
        if (declaringClass.equals(ExpressionFunctions.class.getName())) {
            return FUNCTIONS.contains(method);
        }
        return declaringClass.startsWith(JAVA_LANG)
                && staticMethods(declaringClass.substring(JAVA_LANG.length())).contains(method);
    }
}
