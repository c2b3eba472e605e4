package dev.handrail.executor.file;

import static dev.handrail.contracts.error.ErrorCode.ACCESS_DENIED;
import static dev.handrail.contracts.error.ErrorCode.FILE_NOT_FOUND;
import static dev.handrail.contracts.error.ErrorCode.FILE_TOO_LARGE;
import static dev.handrail.contracts.error.ErrorCode.IO_ERROR;
import static dev.handrail.contracts.error.ErrorCode.NOT_A_FILE;

import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.RefusedException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The error codes of the file capabilities and how an {@link IOException} maps onto them. */
public final class FileErrors {

    private FileErrors() {}

    /**
     * Maps an I/O failure on {@code raw}: a missing file or a permission problem is final; an
     * unsupported atomic move will not change; anything else (a busy or briefly unavailable
     * file system) is worth another try because the file operations change nothing until their
     * last, atomic step.
     */
    public static Outcome outcome(IOException e, String raw) {
        return switch (e) {
            case NoSuchFileException n -> Outcome.failed(FILE_NOT_FOUND, "No file at '" + raw + "'");
            case NotDirectoryException n ->
                Outcome.failed(FILE_NOT_FOUND, "No file at '" + raw + "' (a parent is not a directory)");
            case FileAlreadyExistsException f ->
                Outcome.failed(NOT_A_FILE, "'" + raw + "' needs a directory where " + f.getFile() + " is not one");
            case AccessDeniedException a -> Outcome.failed(ACCESS_DENIED, "Access to '" + raw + "' is denied");
            case AtomicMoveNotSupportedException a ->
                Outcome.failed(
                        IO_ERROR,
                        "The file system of '" + raw + "' cannot replace a file atomically: " + a.getMessage());
            case FileSystemLoopException l -> Outcome.failed(IO_ERROR, "'" + raw + "' leads through a loop of links");
            default -> Outcome.retriable(IO_ERROR, "I/O error on '" + raw + "': " + e);
        };
    }

    /** Refuses a file larger than the node allows. */
    public static RefusedException tooLarge(String raw, long size, long max) {
        return new RefusedException(
                FILE_TOO_LARGE, "'" + raw + "' is " + size + " bytes; this node handles at most " + max);
    }
}
