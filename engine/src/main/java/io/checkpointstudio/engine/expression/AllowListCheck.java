package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.janino.Java;
import org.codehaus.janino.Visitor;

/**
 * The sandbox: walks an expression's syntax tree and rejects every construct that is not on the {@link AllowList},
 * naming it and its column. Also records which input fields the expression reads.
 *
 * <p>Every kind of node Janino's parser can produce has a method here (the visitor interfaces make that a
 * compile-time guarantee), so a node kind that is not explicitly allowed is rejected.
 */
final class AllowListCheck implements Visitor.RvalueVisitor<Void, RuntimeException>,
        Visitor.LvalueVisitor<Void, RuntimeException> {

    record Result(List<ExpressionError> errors, Set<String> referencedFields) {
    }

    private static final String STRING_METHOD_HELP = "methods can be called only on strings, and only these: "
            + String.join(", ", new TreeSet<>(AllowList.STRING_METHODS));
    private static final String CONSTANT_HELP = "the only constants are " + String.join(", ", AllowList.CONSTANTS);

    private final ParsedExpression expression;
    private final Schema schema;
    private final List<ExpressionError> errors = new ArrayList<>();
    private final Set<String> referencedFields = new LinkedHashSet<>();

    private AllowListCheck(ParsedExpression expression, Schema schema) {
        this.expression = expression;
        this.schema = schema;
    }

    static Result check(ParsedExpression expression, Schema schema) {
        AllowListCheck check = new AllowListCheck(expression, schema);
        expression.root().accept((Visitor.RvalueVisitor<Void, RuntimeException>) check);
        List<ExpressionError> sorted = new ArrayList<>(check.errors);
        sorted.sort(Comparator.comparingInt(ExpressionError::column));
        return new Result(sorted, check.referencedFields);
    }

    // ---- allowed: literals, operators, conditionals, parentheses ----

    @Override
    public Void visitIntegerLiteral(Java.IntegerLiteral il) {
        return null;
    }

    @Override
    public Void visitFloatingPointLiteral(Java.FloatingPointLiteral fpl) {
        return null;
    }

    @Override
    public Void visitBooleanLiteral(Java.BooleanLiteral bl) {
        return null;
    }

    @Override
    public Void visitCharacterLiteral(Java.CharacterLiteral cl) {
        return null;
    }

    @Override
    public Void visitStringLiteral(Java.StringLiteral sl) {
        return null;
    }

    @Override
    public Void visitTextBlock(Java.TextBlock tb) {
        return null;
    }

    @Override
    public Void visitNullLiteral(Java.NullLiteral nl) {
        return null;
    }

    @Override
    public Void visitUnaryOperation(Java.UnaryOperation uo) {
        return visit(uo.operand);
    }

    @Override
    public Void visitBinaryOperation(Java.BinaryOperation bo) {
        visit(bo.lhs);
        return visit(bo.rhs);
    }

    @Override
    public Void visitConditionalExpression(Java.ConditionalExpression ce) {
        visit(ce.lhs);
        visit(ce.mhs);
        return visit(ce.rhs);
    }

    @Override
    public Void visitParenthesizedExpression(Java.ParenthesizedExpression pe) {
        return visit(pe.value);
    }

    @Override
    public Void visitLvalue(Java.Lvalue lv) {
        return lv.accept((Visitor.LvalueVisitor<Void, RuntimeException>) this);
    }

    // ---- allowed with conditions: names, casts, instanceof, method calls ----

    @Override
    public Void visitAmbiguousName(Java.AmbiguousName an) {
        String[] ids = identifiers(an);
        int start = expression.positions().startOfQualifiedName(position(an), ids.length - 1);
        if (isField(ids[0])) {
            referencedFields.add(ids[0]);
            if (ids.length > 1) {
                String hint = AllowList.STRING_METHODS.contains(ids[1])
                        ? " (did you mean `" + ids[0] + "." + ids[1] + "()`?)" : "";
                reject(start, "member access `" + String.join(".", ids) + "` is not allowed: fields have no members"
                        + hint);
            }
        } else if (ids.length == 1 || !AllowList.isConstant(String.join(".", ids)) && looksLikeFieldName(ids[0])) {
            unknownField(ids[0], start);
        } else if (!AllowList.isConstant(String.join(".", ids))) {
            reject(start, "`" + String.join(".", ids) + "` is not allowed: " + CONSTANT_HELP);
        }
        return null;
    }

    @Override
    public Void visitCast(Java.Cast c) {
        if (!isPrimitiveOrString(c.targetType)) {
            reject(position(c.targetType), "cast to `" + c.targetType
                    + "` is not allowed: casts may convert only to primitive types or String");
        }
        return visit(c.value);
    }

    @Override
    public Void visitInstanceof(Java.Instanceof io) {
        if (!isString(io.rhs)) {
            reject(position(io.rhs), "`instanceof " + io.rhs + "` is not allowed: instanceof may test only for String");
        }
        return visit(io.lhs);
    }

    @Override
    public Void visitMethodInvocation(Java.MethodInvocation mi) {
        Java.Atom target = mi.target;
        if (target == null) {
            checkFunctionCall(mi);
        } else if (target instanceof Java.AmbiguousName name && !isField(name.identifiers[0])) {
            checkStaticCall(mi, identifiers(name));
        } else {
            checkStringCall(mi, target);
        }
        for (Java.Rvalue argument : mi.arguments) {
            visit(argument);
        }
        return null;
    }

    private void checkFunctionCall(Java.MethodInvocation mi) {
        if (AllowList.isFunction(mi.methodName)) {
            return;
        }
        String hint = NameSuggestion.hint(mi.methodName, AllowList.functions());
        if (hint.isEmpty() && AllowList.staticMethods("Math").contains(mi.methodName)) {
            hint = " (did you mean `Math." + mi.methodName + "`?)";
        }
        reject(position(mi), "`" + mi.methodName + "` is not allowed: " + AllowList.CALL_HELP + hint);
    }

    private void checkStaticCall(Java.MethodInvocation mi, String[] typeName) {
        int start = expression.positions().startOfQualifiedName(position(mi), typeName.length);
        String qualified = String.join(".", typeName);
        String allowedClass = AllowList.staticClass(qualified);
        if (allowedClass == null) {
            if (typeName.length == 1 && looksLikeFieldName(typeName[0])) {
                unknownField(typeName[0], start);
            } else {
                reject(start, "`" + qualified + "." + mi.methodName + "` is not allowed: " + AllowList.CALL_HELP);
            }
        } else if (!AllowList.staticMethods(allowedClass).contains(mi.methodName)) {
            reject(start, "`" + qualified + "." + mi.methodName + "` is not allowed: " + AllowList.CALL_HELP
                    + NameSuggestion.hint(mi.methodName, AllowList.staticMethods(allowedClass)));
        }
    }

    private void checkStringCall(Java.MethodInvocation mi, Java.Atom target) {
        Java.Rvalue receiver = target.toRvalue();
        if (receiver == null) {
            reject(position(mi), "`" + mi.methodName + "` is not allowed: " + STRING_METHOD_HELP);
            return;
        }
        visit(receiver);
        if (!AllowList.STRING_METHODS.contains(mi.methodName)) {
            reject(position(mi), "`" + mi.methodName + "()` is not allowed: " + STRING_METHOD_HELP
                    + NameSuggestion.hint(mi.methodName, AllowList.STRING_METHODS));
        } else if (receiver instanceof Java.AmbiguousName name && name.n == 1) {
            FieldType type = schema.find(name.identifiers[0]).map(Field::type).orElse(FieldType.STRING);
            if (type != FieldType.STRING) {
                reject(position(mi), "`" + mi.methodName + "()` cannot be called on `" + name.identifiers[0]
                        + "`, which is " + type.jsonName() + ": methods can be called only on strings");
            }
        }
    }

    // ---- rejected ----

    @Override
    public Void visitAssignment(Java.Assignment a) {
        String what = a.operator.equals("=") ? "assignment" : "assignment `" + a.operator + "`";
        return reject(a, what + " is not allowed: expressions cannot change fields");
    }

    @Override
    public Void visitCrement(Java.Crement c) {
        return reject(c, "`" + c.operator + "` is not allowed: expressions cannot change fields");
    }

    @Override
    public Void visitNewClassInstance(Java.NewClassInstance nci) {
        String type = nci.type == null ? "" : " " + nci.type;
        return reject(nci, "`new" + type + "(...)` is not allowed: expressions cannot create objects");
    }

    @Override
    public Void visitNewAnonymousClassInstance(Java.NewAnonymousClassInstance naci) {
        return reject(naci, "`new` is not allowed: expressions cannot create objects or declare classes");
    }

    @Override
    public Void visitNewArray(Java.NewArray na) {
        return reject(na, "array creation `new " + na.type + "[]` is not allowed: expressions cannot create arrays");
    }

    @Override
    public Void visitNewInitializedArray(Java.NewInitializedArray nia) {
        return reject(nia, "array creation is not allowed: expressions cannot create arrays");
    }

    @Override
    public Void visitArrayAccessExpression(Java.ArrayAccessExpression aae) {
        return reject(aae, "array access `[...]` is not allowed");
    }

    @Override
    public Void visitArrayLength(Java.ArrayLength al) {
        return reject(al, "array `.length` is not allowed");
    }

    @Override
    public Void visitClassLiteral(Java.ClassLiteral cl) {
        return reject(position(cl.type), "class literal `" + cl.type + ".class` is not allowed");
    }

    @Override
    public Void visitThisReference(Java.ThisReference tr) {
        return reject(tr, "`this` is not allowed");
    }

    @Override
    public Void visitQualifiedThisReference(Java.QualifiedThisReference qtr) {
        return reject(qtr, "`this` is not allowed");
    }

    @Override
    public Void visitSuperclassMethodInvocation(Java.SuperclassMethodInvocation smi) {
        return reject(smi, "`super` is not allowed");
    }

    @Override
    public Void visitSuperclassFieldAccessExpression(Java.SuperclassFieldAccessExpression scfae) {
        return reject(scfae, "`super` is not allowed");
    }

    @Override
    public Void visitLambdaExpression(Java.LambdaExpression le) {
        return reject(le, "lambda expressions are not allowed");
    }

    @Override
    public Void visitMethodReference(Java.MethodReference mr) {
        return reject(mr, "method references (`::`) are not allowed");
    }

    @Override
    public Void visitInstanceCreationReference(Java.ClassInstanceCreationReference cicr) {
        return reject(cicr, "constructor references (`::new`) are not allowed");
    }

    @Override
    public Void visitArrayCreationReference(Java.ArrayCreationReference acr) {
        return reject(acr, "constructor references (`::new`) are not allowed");
    }

    @Override
    public Void visitFieldAccessExpression(Java.FieldAccessExpression fae) {
        Java.Rvalue lhs = fae.lhs.toRvalue();
        if (lhs != null) {
            visit(lhs);
        }
        return reject(fae, "member access `." + fae.fieldName + "` is not allowed: values have no members");
    }

    // Nodes the parser never produces (the compiler creates them); rejected all the same.

    @Override
    public Void visitFieldAccess(Java.FieldAccess fa) {
        return reject(fa, "member access is not allowed");
    }

    @Override
    public Void visitLocalVariableAccess(Java.LocalVariableAccess lva) {
        return reject(lva, "unsupported construct");
    }

    @Override
    public Void visitParameterAccess(Java.ParameterAccess pa) {
        return reject(pa, "unsupported construct");
    }

    @Override
    public Void visitSimpleConstant(Java.SimpleConstant sl) {
        return reject(sl, "unsupported construct");
    }

    // ---- helpers ----

    private Void visit(Java.Rvalue rvalue) {
        return rvalue.accept((Visitor.RvalueVisitor<Void, RuntimeException>) this);
    }

    private Void reject(Java.Located node, String message) {
        return reject(position(node), message);
    }

    private Void reject(int column, String message) {
        errors.add(new ExpressionError(message, column));
        return null;
    }

    private void unknownField(String name, int column) {
        List<String> names = schema.names();
        String message = names.isEmpty()
                ? "field `" + name + "` does not exist; the input has no fields"
                : "field `" + name + "` does not exist; fields are: " + String.join(", ", names)
                        + NameSuggestion.hint(name, names);
        reject(column, message);
    }

    private int position(Java.Located node) {
        return expression.position(node.getLocation());
    }

    private boolean isField(String name) {
        return schema.indexOf(name) >= 0;
    }

    /** A name that reads like a mistyped field rather than a class ({@code usrId.length()} vs {@code Sytem.exit()}). */
    private boolean looksLikeFieldName(String name) {
        return !name.equals("java") && !name.equals("javax") && Character.isLowerCase(name.charAt(0))
                || NameSuggestion.closest(name, schema.names()).isPresent();
    }

    private static String[] identifiers(Java.AmbiguousName name) {
        return Arrays.copyOf(name.identifiers, name.n);
    }

    private static boolean isPrimitiveOrString(Java.Type type) {
        return type instanceof Java.PrimitiveType p && p.primitive != Java.Primitive.VOID || isString(type);
    }

    static boolean isString(Java.Type type) {
        if (!(type instanceof Java.ReferenceType ref) || ref.typeArguments != null) {
            return false;
        }
        String name = String.join(".", ref.identifiers);
        return name.equals("String") || name.equals("java.lang.String");
    }
}
