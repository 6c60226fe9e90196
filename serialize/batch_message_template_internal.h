// A cheaper stand-in for FlatBuffers verification of the fast decoder's record batch messages
// (internal to serialize/). Successive batches of one schema differ only in four places of their
// metadata: the field node structs, the buffer spec structs, Message.bodyLength and
// RecordBatch.length, values the FlatBuffers verifier never reads. A BatchMessageTemplate is made
// from a message that passed verification (and the fast decoder's checks on its tables) when
// every byte the verifier reads lies outside those four places; a later message of the same
// length that equals it byte for byte outside them is then the same buffer to the verifier, so
// it verifies alike and passes the same checks, and its four values sit at the same positions.
// Errors: none; Make declines with nullopt, Match answers false (the caller then verifies).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "arrowpack/ipc/metadata_internal.h"

namespace arrowpack::serialize::internal {

/// What the fast decoder reads from a record batch message.
struct BatchMessageView {
  int64_t length = 0;
  int64_t body_length = 0;
  const uint8_t* nodes = nullptr;    // fb::FieldNode structs, 16 bytes each
  const uint8_t* buffers = nullptr;  // fb::Buffer structs, 16 bytes each
};

class BatchMessageTemplate {
 public:
  /// A template of the verified `message` at `metadata` (`size` bytes), or nullopt when a byte
  /// the verifier reads lies in one of the varying places (or the message has fields the fast
  /// decoder declines: custom metadata, compression, a header other than RecordBatch).
  static std::optional<BatchMessageTemplate> Make(const uint8_t* metadata, int32_t size,
                                                  const ipc::internal::fb::Message& message);

  /// Whether the `size` bytes at `metadata` equal the template outside the varying places;
  /// when they do, `*view` gets their values.
  bool Match(const uint8_t* metadata, int32_t size, BatchMessageView* view) const;

 private:
  // A varying place: [begin, end) of the metadata.
  struct Hole {
    int32_t begin = 0;
    int32_t end = 0;
  };
  std::string bytes_;
  std::array<Hole, 4> holes_;  // in increasing order, disjoint
  int32_t length_at_ = -1;     // RecordBatch.length (-1: absent, so 0)
  int32_t body_length_at_ = -1;
  int32_t nodes_at_ = 0;
  int32_t buffers_at_ = 0;
};

}  // namespace arrowpack::serialize::internal
