package org.siggendiff.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.crashstats.CrashId;

/**
 * Processed crashes on disk as {@code processed_crash/<crash_id>}, the layout of crashstats-tools'
 * {@code fetch-data}, so that a fetch-data folder works as a cache. Entries fetched with a token
 * hold personal data: files are 0600 and folders 0700, and a note beside each entry records
 * whether a token was used. Writes are atomic, so a killed run leaves only whole entries.
 */
public final class DiskCache {
  private static final String CRASHES = "processed_crash";
  /** Our own notes live beside fetch-data's folders, never inside them. */
  private static final String NOTES = "siggen-diff-meta";

  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private final Path root;
  private final boolean posix;

  public DiskCache(Path root) {
    this.root = root;
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  public Path root() {
    return root;
  }

  /** Where an entry lives; the ID is validated, so it is a plain file name. */
  public Path entryPath(CrashId id) {
    return root.resolve(CRASHES).resolve(id.value());
  }

  /** The entry's bytes, or empty when there is none. */
  public Optional<byte[]> read(CrashId id) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(entryPath(id)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Writes an entry atomically, replacing any old one, and notes whether a token was used. */
  public void write(CrashId id, byte[] json, boolean withToken) throws IOException {
    ObjectNode note = JsonNodeFactory.instance.objectNode();
    note.put("fetched_at", Instant.now().toString());
    note.put("with_token", withToken);
    writeAtomically(folder(NOTES), id.value() + ".json", CrashJson.mapper().writeValueAsBytes(note));
    writeAtomically(folder(CRASHES), id.value(), json);
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

  private Path folder(String name) throws IOException {
    Path folder = root.resolve(name);
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
    // No fsync: the guarantee is against a killed process, which rename alone gives.
    Path temporary = Files.createTempFile(folder, ".tmp-", "", attributes(FILE));
    try {
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }
}
