// Options and statistics of the Arrow IPC readers and writers (pyarrow's IpcWriteOptions,
// IpcReadOptions, WriteStats and ReadStats). Plain values; copy them freely.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "arrowpack/core/codec.h"
#include "arrowpack/core/memory_pool.h"

namespace arrowpack::ipc {

/// Metadata versions of the format; numbers match the FlatBuffers enum. Readers accept V4 and V5.
enum class MetadataVersion : int16_t { V1 = 0, V2 = 1, V3 = 2, V4 = 3, V5 = 4 };

struct IpcWriteOptions {
  /// Body buffers start at multiples of this (8 or 64).
  int32_t alignment = 8;
  /// V5 (default) or V4 (unions then carry an empty validity buffer, as 0.x readers expect).
  MetadataVersion metadata_version = MetadataVersion::V5;
  /// UNCOMPRESSED, LZ4_FRAME or ZSTD; each body buffer is compressed separately.
  Compression compression = Compression::UNCOMPRESSED;
  int compression_level = kUseDefaultCompressionLevel;
  /// Send only the new tail of a dictionary that grew; otherwise the whole dictionary again.
  bool emit_dictionary_deltas = false;
  /// File writer's WriteTable: one dictionary per column for all its chunks (see UnifyDictionaries);
  /// streams ignore it (they can replace dictionaries).
  bool unify_dictionaries = false;
  /// Allow field lengths above 2^31 - 1 (other implementations may not read them).
  bool allow_64bit = false;
  /// Compress the buffers of a batch on several threads (see ParallelThreadCount); the bytes
  /// written are the same either way.
  bool use_threads = true;
  /// Write the pre-0.15 framing (no 0xFFFFFFFF continuation marker).
  bool write_legacy_ipc_format = false;
  /// Pool for compressed and re-aligned buffers (nullptr: default pool).
  MemoryPool* memory_pool = nullptr;
  /// Nesting deeper than this is refused (Invalid).
  int max_recursion_depth = 64;

  static IpcWriteOptions Defaults() { return IpcWriteOptions(); }
};

/// Where a reader places the buffers it hands out (pyarrow's ipc.Alignment and values).
/// Buffers that already satisfy it stay zero-copy; the others are copied into the pool.
enum class BufferAlignment : int32_t {
  /// Each buffer aligned to its values' width, up to 8 bytes (arrowpack does this at least,
  /// because typed access to misaligned values is undefined behaviour in C++).
  kAny = 0,
  /// The same as kAny in arrowpack.
  kDataTypeSpecific = -3,
  /// Every buffer starts at a multiple of 64 bytes.
  k64Byte = 64,
};

struct IpcReadOptions {
  /// Pool for decompressed, copied or byte-swapped buffers (nullptr: default pool).
  MemoryPool* memory_pool = nullptr;
  /// Also run Array::ValidateFull on every decoded column (Validate always runs).
  bool validate_full = false;
  /// Byte-swap big-endian bodies of fixed-width types (otherwise NotImplemented).
  bool ensure_native_endian = true;
  /// No single decompressed buffer or message body may exceed this many bytes (Invalid).
  int64_t max_allocation = int64_t{1} << 34;
  /// A compressed buffer may claim at most this many uncompressed bytes per compressed byte
  /// (zstd's worst legitimate ratio is about 32768).
  int64_t max_decompression_ratio = int64_t{1} << 16;
  /// Nesting deeper than this is refused (Invalid).
  int max_recursion_depth = 64;
  /// Decompress the buffers of a batch on several threads (see ParallelThreadCount); results
  /// and errors are the same either way.
  bool use_threads = true;
  /// The top-level fields to read, by index (empty: all). Batches, and the schema readers report,
  /// hold just those fields, in schema order (an index given twice counts once); the other
  /// columns are still decoded, then dropped. An index outside the schema is Invalid when the
  /// schema is read.
  std::vector<int> included_fields;
  /// Copy buffers that are not aligned this way (see BufferAlignment).
  BufferAlignment ensure_alignment = BufferAlignment::kAny;

  static IpcReadOptions Defaults() { return IpcReadOptions(); }
};

/// Counters of a writer (pyarrow's WriteStats).
struct WriteStats {
  int64_t num_messages = 0;
  int64_t num_record_batches = 0;
  int64_t num_dictionary_batches = 0;
  int64_t num_dictionary_deltas = 0;
  int64_t num_replaced_dictionaries = 0;
  /// Body bytes before and after compression (equal when uncompressed).
  int64_t total_raw_body_size = 0;
  int64_t total_serialized_body_size = 0;
};

/// Counters of a reader (pyarrow's ReadStats).
struct ReadStats {
  int64_t num_messages = 0;
  int64_t num_record_batches = 0;
  int64_t num_dictionary_batches = 0;
  int64_t num_dictionary_deltas = 0;
  int64_t num_replaced_dictionaries = 0;
};

}  // namespace arrowpack::ipc
