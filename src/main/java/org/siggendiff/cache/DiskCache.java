package org.siggendiff.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;
import org.siggendiff.crashstats.CrashStatsClient;
import org.siggendiff.files.AtomicFile;
import org.siggendiff.http.BoundedBody;

/**
 * Processed crashes on disk as {@code processed_crash/<crash_id>} (and raw crashes as
 * {@code raw_crash/20YYMMDD/<crash_id>}), the layout of crashstats-tools'
 * {@code fetch-data}, so that a fetch-data folder works as a cache. Entries fetched with a token
 * hold personal data: files are 0600 and folders 0700, and a note beside each entry records
 * whether a token was used. Writes are atomic, so a killed run leaves only whole entries, and
 * the temporary files a killed run leaves behind are removed before the cache's next write.
 */
public final class DiskCache {
  private static final String CRASHES = "processed_crash";
  /** fetch-data's raw crashes: {@code raw_crash/20YYMMDD/<crash_id>}. */
  private static final String RAW_CRASHES = "raw_crash";
  /** Our own notes live beside fetch-data's folders, never inside them. */
  private static final String NOTES = "siggen-diff-meta";

  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** How the names of files being written begin. */
  static final String TEMPORARY_PREFIX = ".tmp-";
  /** A write holds its temporary file for milliseconds; one this old belongs to a dead process. */
  private static final Duration STALE_TEMPORARY = Duration.ofHours(1);

  /** An entry that is there but cannot be used: not a regular file, or over the size limit. */
  public static final class UnusableEntryException extends IOException {
    UnusableEntryException(String message) {
      super(message);
    }
  }

  private final Path root;
  private final boolean posix;
  private final long maxEntryBytes;
  private final AtomicFile.Writer writer;
  /**
   * Set once the leftovers of killed runs have been looked for. Looking lists every entry's
   * folder (a second on a cache of a few hundred thousand crashes), so it is done by the first
   * write, which a run that only reads the cache never makes.
   */
  private final AtomicBoolean cleaned = new AtomicBoolean();

  /** A cache whose entries may be up to {@link CrashStatsClient#DEFAULT_MAX_CRASH_BYTES}. */
  public DiskCache(Path root) {
    this(root, CrashStatsClient.DEFAULT_MAX_CRASH_BYTES);
  }

  /**
   * A cache whose first write removes the temporary files of writes that were killed (older than
   * an hour). A cache that cannot be cleaned, such as a read-only one, is used as it is; opening
   * one creates nothing.
   *
   * @param maxEntryBytes a larger entry is not read, and counts as unusable
   */
  public DiskCache(Path root, long maxEntryBytes) {
    this(root, maxEntryBytes, Files::write);
  }

  /** @param writer writes each file's bytes; a seam for tests of a disk that fills up */
  DiskCache(Path root, long maxEntryBytes, AtomicFile.Writer writer) {
    this.root = root;
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    this.maxEntryBytes = maxEntryBytes;
    this.writer = writer;
  }

  /** Removes the temporary files last modified before {@code before}; how many it removed. */
  int removeStaleTemporaryFiles(Instant before) {
    List<Path> folders = new ArrayList<>(List.of(root.resolve(CRASHES), root.resolve(NOTES)));
    // Raw crashes are one level deeper, in a folder per day.
    Path raw = root.resolve(RAW_CRASHES);
    if (Files.isDirectory(raw, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> days = Files.newDirectoryStream(raw, "20[0-9][0-9][0-9][0-9][0-9][0-9]")) {
        days.forEach(folders::add);
      } catch (IOException e) {
        // As below: leftovers only cost space.
      }
    }
    int removed = 0;
    for (Path folder : folders) {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(folder, TEMPORARY_PREFIX + "*")) {
        for (Path temporary : temporaries) {
          BasicFileAttributes attributes = Files.readAttributes(temporary, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(before) && Files.deleteIfExists(temporary)) {
            removed++;
          }
        }
      } catch (IOException e) {
        // Leftovers only cost space; a cache we cannot clean still serves.
      }
    }
    return removed;
  }

  /**
   * Why a write failed for want of room, when it did (the disk is full, or the user's quota is
   * used up): then every later write would fail too. Java reports ENOSPC and EDQUOT only in the
   * message, as a FileSystemException's reason or a plain IOException's message.
   */
  public static Optional<String> noRoom(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String said = cause instanceof FileSystemException fileSystem ? fileSystem.getReason() : cause.getMessage();
      if (said == null) {
        continue;
      }
      if (said.contains("No space left on device")) {
        return Optional.of("the cache disk is full (No space left on device)");
      }
      if (said.contains("Disk quota exceeded")) {
        return Optional.of("the cache's disk quota is used up (Disk quota exceeded)");
      }
    }
    return Optional.empty();
  }

  public Path root() {
    return root;
  }

  /** Where an entry lives; the ID is validated, so it is a plain file name. */
  public Path entryPath(CrashId id) {
    return root.resolve(CRASHES).resolve(id.value());
  }

  /**
   * The entry's bytes, or empty when there is none.
   *
   * @throws UnusableEntryException when the entry is not a regular file (a FIFO, which would
   *     block, or a link to a device such as /dev/zero, which never ends) or is over the limit
   */
  public Optional<byte[]> read(CrashId id) throws IOException {
    return readEntry(entryPath(id));
  }

  /**
   * Reads the entry into {@code buffer}, for a reader done with its bytes before its next read;
   * false when there is none. Otherwise as {@link #read(CrashId)}.
   */
  boolean read(CrashId id, ReadBuffer buffer) throws IOException {
    return readEntry(entryPath(id), buffer);
  }

  /** Where a raw crash lives: {@code raw_crash/20YYMMDD/<crash_id>}, the date from the ID's last six digits. */
  public Path rawEntryPath(CrashId id) {
    String value = id.value();
    return root.resolve(RAW_CRASHES).resolve("20" + value.substring(value.length() - 6)).resolve(value);
  }

  /** The raw crash's bytes, or empty when there is none; bounded and checked as {@link #read}. */
  public Optional<byte[]> readRaw(CrashId id) throws IOException {
    return readEntry(rawEntryPath(id));
  }

  /**
   * Writes a raw crash atomically, replacing any old one. No note is kept: whether a token was
   * used only decides which protected annotations are in it, and the file says that itself.
   */
  public void writeRaw(CrashId id, byte[] json) throws IOException {
    Path entry = rawEntryPath(id);
    writeAtomically(folder(entry.getParent()), id.value(), json);
  }

  private Optional<byte[]> readEntry(Path entry) throws IOException {
    ReadBuffer buffer = ReadBuffer.oneOff();
    if (!readEntry(entry, buffer)) {
      return Optional.empty();
    }
    byte[] bytes = buffer.array();
    return Optional.of(buffer.length() == bytes.length ? bytes : Arrays.copyOf(bytes, buffer.length()));
  }

  private boolean readEntry(Path entry, ReadBuffer buffer) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(entry, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (!attributes.isRegularFile()) {
      throw new UnusableEntryException("the cache entry is not a regular file");
    }
    if (attributes.size() > maxEntryBytes) {
      throw tooLarge();
    }
    try (SeekableByteChannel channel = Files.newByteChannel(entry)) {
      // The size again, from the file opened: it may have been replaced since.
      long size = channel.size();
      if (size > maxEntryBytes) {
        throw tooLarge();
      }
      ByteBuffer bytes = ByteBuffer.wrap(buffer.arrayFor((int) size), 0, (int) size);
      int read = 0;
      while (bytes.hasRemaining() && read != -1) {
        read = channel.read(bytes);
      }
      // A file that shrank meanwhile gives what it has, which the parser then judges.
      buffer.setLength(bytes.position());
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private UnusableEntryException tooLarge() {
    return new UnusableEntryException("the cache entry is larger than the limit of " + BoundedBody.describe(maxEntryBytes));
  }

  /** Writes an entry atomically, replacing any old one, and notes whether a token was used. */
  public void write(CrashId id, byte[] json, boolean withToken) throws IOException {
    ObjectNode note = JsonNodeFactory.instance.objectNode();
    note.put("fetched_at", Instant.now().toString());
    note.put("with_token", withToken);
    writeAtomically(folder(root.resolve(NOTES)), id.value() + ".json", CrashJson.mapper().writeValueAsBytes(note));
    writeAtomically(folder(root.resolve(CRASHES)), id.value(), json);
  }

  /** Whether the entry was fetched with a token; empty when unknown (such as fetch-data's). */
  public Optional<Boolean> fetchedWithToken(CrashId id) throws IOException {
    Path note = root.resolve(NOTES).resolve(id.value() + ".json");
    if (!Files.isRegularFile(note)) {
      return Optional.empty();
    }
    JsonNode with = CrashJson.parse(Files.readString(note)).get("with_token");
    return with != null && with.isBoolean() ? Optional.of(with.booleanValue()) : Optional.empty();
  }

  private Path folder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      createPrivateDirectories(folder);
    }
    return folder;
  }

  private void createPrivateDirectories(Path folder) throws IOException {
    Path parent = folder.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(folder, attributes(FOLDER));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(folder)) {
        throw e;
      }
    }
  }

  private void writeAtomically(Path folder, String name, byte[] bytes) throws IOException {
    if (!cleaned.get() && cleaned.compareAndSet(false, true)) {
      removeStaleTemporaryFiles(Instant.now().minus(STALE_TEMPORARY));
    }
    AtomicFile.replace(folder.resolve(name), bytes, TEMPORARY_PREFIX, writer, attributes(FILE));
  }

  private FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }
}
