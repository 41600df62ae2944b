package org.loupe.app.task;

import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Turns an exception into a reason a status line can show after "… failed: ": one line, in words, without
 * exception class names ("disk full", "no such file: /data/x.jsonl", "out of memory").
 */
public final class ErrorMessages {
    /** Longest reason; longer ones are cut with an ellipsis. */
    static final int MAX_LENGTH = 300;

    /** A class name ending in Exception or Error (qualified or not) with the ": " that follows it in toString(). */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:\\b[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b:?\\s*"
                    + "|\\b[A-Z][\\w$]*(?:Exception|Error):\\s*");

    private ErrorMessages() {
    }

    /** The reason an error gives, readable; never null or empty. */
    public static String readable(Throwable error) {
        Throwable e = unwrap(error);
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage() == null ? "" : CLASS_NAME.matcher(firstLine(e.getMessage())).replaceAll("").strip();
        String reason;
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException && !message.contains("(")) {
            reason = withSubject("no such file", message);
        } else if (e instanceof AccessDeniedException) {
            reason = withSubject("access denied", message);
        } else if (e instanceof FileAlreadyExistsException) {
            reason = withSubject("already exists", message);
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = withSubject("folder not empty", message);
        } else if (e instanceof NotDirectoryException) {
            reason = withSubject("not a folder", message);
        } else if (e instanceof OutOfMemoryError) {
            reason = "out of memory";
        } else if (e instanceof StackOverflowError) {
            reason = "too deeply nested (stack overflow)";
        } else if (e instanceof InterruptedException || e instanceof InterruptedIOException) {
            reason = "interrupted";
        } else if (!message.isEmpty()) {
            reason = message;
        } else if (e instanceof NullPointerException) {
            reason = "an internal error (a missing value)";
        } else {
            reason = words(e.getClass().getSimpleName());
        }
        reason = reason.strip();
        while (reason.endsWith(".") && !reason.endsWith("..")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        if (reason.length() > MAX_LENGTH) {
            reason = reason.substring(0, MAX_LENGTH - 1).strip() + "…";
        }
        return reason.isEmpty() ? "unknown error" : reason;
    }

    /** The error that says what went wrong, under the wrappers that only carry it. */
    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        for (int depth = 0; e != null && depth < 20; depth++) {
            Throwable cause = e.getCause();
            if (cause == null || cause == e) {
                return e;
            }
            boolean wrapper = e instanceof ExecutionException || e instanceof CompletionException
                    || e instanceof InvocationTargetException || e instanceof UndeclaredThrowableException
                    || e instanceof UncheckedIOException
                    // new RuntimeException(cause) and the like: the message is the cause's toString()
                    || e.getMessage() == null || e.getMessage().equals(cause.toString());
            if (!wrapper) {
                return e;
            }
            e = cause;
        }
        return e;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        int cr = t.indexOf('\r');
        int end = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
        return (end < 0 ? t : t.substring(0, end)).replaceAll("\\s+", " ");
    }

    private static String withSubject(String what, String subject) {
        return subject.isEmpty() ? what : what + ": " + subject;
    }

    /** "IllegalStateException" → "illegal state"; "EOFException" → "unexpected end of file". */
    private static String words(String simpleName) {
        if (simpleName.equals("EOFException")) {
            return "unexpected end of file";
        }
        String base = simpleName.replaceAll("(Exception|Error|Throwable)$", "");
        if (base.isEmpty()) {
            return "unknown error";
        }
        String spaced = base.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ");
        return spaced.toLowerCase(Locale.ROOT);
    }
}
