package market.common.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The photo parts of a multipart upload (the field {@code files}), checked the same way wherever photos are taken:
 * 1 to {@code max} parts, each a file (with a filename) of at most 10 MB. The content is checked later, by
 * {@link market.common.images.ImageProcessor}; names and declared types are never trusted or kept.
 */
public final class PhotoUploads {

    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** The name is never stored, but one longer than any file system allows is a forged part header. */
    static final int MAX_FILE_NAME = 255;

    private PhotoUploads() {}

    /**
     * The uploaded file of each part, in the order sent, checked: 400 for no file or a part that is not one, 422 with
     * {@code tooMany} for more than {@code max}, 413 for a file over 10 MB. The files are temporary: they are removed
     * when the request ends, and nothing has been read into memory yet.
     */
    public static List<Path> files(List<FileUpload> files, int max, String tooMany) {
        if (files == null || files.isEmpty()) {
            throw ApiException.badRequest("files", "attach 1 to " + max + " images");
        }
        if (files.size() > max) {
            throw ApiException.unprocessable(tooMany);
        }
        List<Path> out = new ArrayList<>(files.size());
        for (FileUpload f : files) {
            // a part without a filename is a plain form value: there is no uploaded file to read
            if (f.uploadedFile() == null) {
                throw ApiException.badRequest("files", "each part must be a file (with a filename)");
            }
            if (f.fileName() != null && f.fileName().length() > MAX_FILE_NAME) {
                throw ApiException.badRequest("files", "file name longer than " + MAX_FILE_NAME + " characters");
            }
            if (f.size() > MAX_FILE_BYTES) {
                throw new ApiException(413, "Content Too Large", "Each photo may be at most 10 MB");
            }
            out.add(f.uploadedFile());
        }
        return out;
    }

    /** The bytes of one uploaded file (at most 10 MB, checked by {@link #files}). */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
