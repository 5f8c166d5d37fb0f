package org.siggendiff.crashdata;

import java.util.Set;

/**
 * What signature generation reads of a processed crash, declared once: the partial reader
 * ({@link CrashDataAdapter#readProcessedCrash}) keeps exactly these fields and passes over the
 * rest, so a field read here but not declared would silently change signatures of cached
 * crashes. Adaptation ({@link CrashDataAdapter#fromProcessedCrash}) reads the processed-crash
 * and dump fields; the rules read stack frames through {@code internal.stack.Frame}, which
 * reads {@link #FRAME} only. PartialReadContractTest checks both against full reads.
 */
final class CrashFields {
  /** The top-level fields of a processed crash that adaptation reads. */
  public static final Set<String> PROCESSED =
      Set.of(
          "signature", "hang", "oom_allocation_size", "js_large_allocation_failure", "abort_message",
          "mdsw_status_string", "async_shutdown_timeout", "ipc_channel_error", "ipc_message_name",
          "additional_minidumps", "json_dump", "java_exception", "java_stack_trace");

  /** The fields of {@code json_dump} that adaptation reads; modules and the rest are large and unused. */
  public static final Set<String> DUMP = Set.of("crash_info", "threads", "system_info");

  /** Every field of a stack frame that signature generation reads. */
  public static final Set<String> FRAME =
      Set.of("module", "function", "file", "line", "offset", "unloaded_modules", "inlines");

  /** Kept besides: the crash ID, and {@code error}, by which an API error answer is told from a crash. */
  static final Set<String> BOOKKEEPING = Set.of("uuid", "error");

  private CrashFields() {}
}
