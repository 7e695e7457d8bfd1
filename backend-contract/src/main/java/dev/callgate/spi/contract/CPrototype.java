package dev.callgate.spi.contract;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A C function prototype as its man page declares it, such as
 * {@code "ssize_t write(int fildes, const void *buf, size_t nbyte)"}, and the check that a Java
 * mapping of it passes values of the declared C sizes.
 *
 * @param declaration the prototype as written
 * @param name the function name
 * @param returnType the C return type
 * @param parameterTypes the C parameter types, names dropped
 */
public record CPrototype(String declaration, String name, String returnType, List<String> parameterTypes) {

    /** Parses a prototype whose parameters all have names (or is {@code (void)}). */
    public static CPrototype parse(String declaration) {
        String d = declaration.trim();
        if (d.endsWith(";")) {
            d = d.substring(0, d.length() - 1);
        }
        int open = d.indexOf('(');
        int close = d.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a C prototype: " + declaration);
        }
        String[] head = splitTypeAndName(d.substring(0, open));
        List<String> parameters = new ArrayList<>();
        String list = d.substring(open + 1, close).trim();
        if (!list.equals("void") && !list.isEmpty()) {
            for (String parameter : list.split(",")) {
                parameters.add(splitTypeAndName(parameter)[0]);
            }
        }
        return new CPrototype(declaration, head[1], head[0], List.copyOf(parameters));
    }

    /** {@code "const void *buf"} becomes {@code {"const void *", "buf"}}. */
    private static String[] splitTypeAndName(String declarator) {
        String s = declarator.trim();
        int end = s.length();
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(s.charAt(start - 1)) || s.charAt(start - 1) == '_')) {
            start--;
        }
        String type = s.substring(0, start).trim();
        if (start == end || type.isEmpty()) {
            throw new IllegalArgumentException("\"" + declarator.trim() + "\" needs a type and a name");
        }
        return new String[] {type, s.substring(start)};
    }

    /**
     * Every way {@code method} passes or returns a value of another size than this prototype
     * declares in {@code model}; empty when the mapping is right.
     */
    public List<String> mismatches(Method method, CDataModel model) {
        List<String> problems = new ArrayList<>();
        Class<?>[] javaTypes = method.getParameterTypes();
        if (javaTypes.length != parameterTypes.size()) {
            problems.add(method.getName() + " takes " + javaTypes.length + " Java parameters, C declares "
                    + parameterTypes.size() + ": " + declaration);
            return problems;
        }
        compare("return value", method.getReturnType(), returnType, model, problems);
        for (int i = 0; i < javaTypes.length; i++) {
            compare("parameter " + (i + 1), javaTypes[i], parameterTypes.get(i), model, problems);
        }
        return problems;
    }

    private void compare(String what, Class<?> javaType, String cType, CDataModel model, List<String> problems) {
        int javaWidth = model.javaWidthOf(javaType);
        int cSize = model.sizeOf(cType);
        if (javaWidth != cSize) {
            problems.add(name + " " + what + ": Java " + javaType.getSimpleName() + " is " + javaWidth
                    + " bytes, C " + cType + " is " + cSize + " bytes on " + model);
        }
        Optional<String> pointee = CDataModel.pointee(cType);
        // An address passed as a Java integer points to memory the caller sized: only its width counts.
        if (pointee.isPresent() && !javaType.isPrimitive()) {
            OptionalInt javaPointee = model.javaPointeeWidthOf(javaType);
            int cPointee = model.sizeOf(pointee.get());
            if (javaPointee.isEmpty() || javaPointee.getAsInt() != cPointee) {
                problems.add(name + " " + what + ": C " + cType + " points to " + cPointee + " bytes, Java "
                        + javaType.getSimpleName() + " points to " + (javaPointee.isEmpty() ? "an unknown size"
                        : javaPointee.getAsInt() + " bytes") + " on " + model);
            }
        }
    }
}
