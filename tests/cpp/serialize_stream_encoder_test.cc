// SequenceWriter::FinishStream (the direct stream encoder) against the generic path: for a
// corpus of objects - every native kind, empty and nested containers, the deepest nesting the
// writer allows, big strings, more distinct shapes than the schema cache holds, several values
// at the top level - the stream equals Finish()'s batch run through the generic IPC writer, byte
// for byte. Also: writers reused, alive at the same time, and on several threads at once; the
// stream placed inside a larger buffer (FinishStreamAt) and the objects laid out as ToBuffer
// writes them (FinishEncodedStream, ToBuffer, TakeBuffer).
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialized_object.h"
#include "serialize_testing.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

using Build = std::function<void(SequenceWriter&)>;

// Builds the object twice and compares FinishStream with Finish + the generic writer. One
// writer at a time, so that each reuses the thread's arena (and the encoder's cached messages).
void ExpectSameStream(const Build& build, const std::string& what) {
  RecordBatchPtr batch;
  {
    SequenceWriter generic;
    build(generic);
    ASSERT_OK_AND_ASSIGN(batch, generic.Finish());
  }
  SequenceWriter direct;
  build(direct);
  ASSERT_OK_AND_ASSIGN(auto stream, direct.FinishStream());
  const auto expected = GenericStream(batch);
  ASSERT_EQ(stream->size(), expected->size()) << what;
  ASSERT_TRUE(stream->Equals(*expected)) << what;
}

// One value of kind `kind` (0-13): every scalar and index kind.
void AppendKind(SequenceWriter& w, int kind, int64_t seed) {
  switch (kind) {
    case 0: EXPECT_OK(w.AppendNone()); break;
    case 1: EXPECT_OK(w.AppendBool(seed % 3 == 0)); break;
    case 2: EXPECT_OK(w.AppendInt64(seed * -7919)); break;
    case 3: EXPECT_OK(w.AppendBytes(reinterpret_cast<const uint8_t*>("\0\1\2"), seed % 4)); break;
    case 4: EXPECT_OK(w.AppendString(std::string(static_cast<size_t>(seed % 11), 'x'))); break;
    case 5: EXPECT_OK(w.AppendHalfFloat(static_cast<uint16_t>(0x3C00 + seed))); break;
    case 6: EXPECT_OK(w.AppendFloat(static_cast<float>(seed) / 3)); break;
    case 7: EXPECT_OK(w.AppendDouble(seed % 5 == 0 ? std::numeric_limits<double>::quiet_NaN() : seed * 0.25)); break;
    case 8: EXPECT_OK(w.AppendDate64(seed * 1000000)); break;
    case 9: EXPECT_OK(w.AppendIndex(PythonTag::TENSOR, static_cast<int32_t>(seed % 3))); break;
    case 10: EXPECT_OK(w.AppendIndex(PythonTag::NDARRAY, static_cast<int32_t>(seed % 3))); break;
    case 11: EXPECT_OK(w.AppendIndex(PythonTag::BUFFER, static_cast<int32_t>(seed % 3))); break;
    case 12: EXPECT_OK(w.AppendIndex(PythonTag::SPARSE_CSR, static_cast<int32_t>(seed % 3))); break;
    default: EXPECT_OK(w.AppendIndex(PythonTag::SPARSE_CSF, static_cast<int32_t>(seed % 3))); break;
  }
}

constexpr int kNumKinds = 14;

TEST(SequenceStreamEncoder, EveryKindAlone) {
  for (int kind = 0; kind < kNumKinds; ++kind) {
    ExpectSameStream([kind](SequenceWriter& w) { AppendKind(w, kind, 5); }, "kind " + std::to_string(kind));
  }
}

TEST(SequenceStreamEncoder, EveryKindMixedInContainers) {
  const Build build = [](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    for (int i = 0; i < 3 * kNumKinds + 17; ++i) AppendKind(w, i % kNumKinds, i);
    for (int i = 0; i < 19; ++i) AppendKind(w, 1, i);  // bools across several bitmap bytes
    EXPECT_OK(w.BeginTuple());
    for (int i = 0; i < kNumKinds; ++i) AppendKind(w, i, i + 1);
    EXPECT_OK(w.End());
    EXPECT_OK(w.BeginSet());
    AppendKind(w, 4, 3);
    AppendKind(w, 2, 3);
    EXPECT_OK(w.End());
    EXPECT_OK(w.BeginDict());
    for (int i = 0; i < kNumKinds; ++i) {
      EXPECT_OK(w.DictKey());
      AppendKind(w, (i + 3) % kNumKinds, i);
      EXPECT_OK(w.DictValue());
      AppendKind(w, i, i);
    }
    EXPECT_OK(w.End());
    EXPECT_OK(w.End());
  };
  ExpectSameStream(build, "mixed");
}

TEST(SequenceStreamEncoder, EmptyContainers) {
  const std::vector<std::pair<std::string, Build>> cases = {
      {"[]", [](SequenceWriter& w) { EXPECT_OK(w.BeginList()); EXPECT_OK(w.End()); }},
      {"{}", [](SequenceWriter& w) { EXPECT_OK(w.BeginDict()); EXPECT_OK(w.End()); }},
      {"()", [](SequenceWriter& w) { EXPECT_OK(w.BeginTuple()); EXPECT_OK(w.End()); }},
      {"set()", [](SequenceWriter& w) { EXPECT_OK(w.BeginSet()); EXPECT_OK(w.End()); }},
      {"[[], {}, (), set(), [[]]]",
       [](SequenceWriter& w) {
         EXPECT_OK(w.BeginList());
         for (auto begin : {&SequenceWriter::BeginList, &SequenceWriter::BeginDict, &SequenceWriter::BeginTuple,
                            &SequenceWriter::BeginSet}) {
           EXPECT_OK((w.*begin)());
           EXPECT_OK(w.End());
         }
         EXPECT_OK(w.BeginList());
         EXPECT_OK(w.BeginList());
         EXPECT_OK(w.End());
         EXPECT_OK(w.End());
         EXPECT_OK(w.End());
       }},
      {"{'a': [], 'b': {}}",
       [](SequenceWriter& w) {
         EXPECT_OK(w.BeginDict());
         EXPECT_OK(w.DictKey());
         EXPECT_OK(w.AppendString("a"));
         EXPECT_OK(w.DictValue());
         EXPECT_OK(w.BeginList());
         EXPECT_OK(w.End());
         EXPECT_OK(w.DictKey());
         EXPECT_OK(w.AppendString("b"));
         EXPECT_OK(w.DictValue());
         EXPECT_OK(w.BeginDict());
         EXPECT_OK(w.End());
         EXPECT_OK(w.End());
       }},
  };
  for (const auto& [what, build] : cases) ExpectSameStream(build, what);
}

TEST(SequenceStreamEncoder, DeepestNesting) {
  ExpectSameStream(
      [](SequenceWriter& w) {
        for (int i = 0; i < kMaxRecursionDepth - 1; ++i) EXPECT_OK(w.BeginList());
        EXPECT_OK(w.AppendInt64(1));
        for (int i = 0; i < kMaxRecursionDepth - 1; ++i) EXPECT_OK(w.End());
      },
      "99 lists");
  ExpectSameStream(
      [](SequenceWriter& w) {
        for (int i = 0; i < kMaxRecursionDepth; ++i) {
          EXPECT_OK(w.BeginDict());
          EXPECT_OK(w.DictKey());
          EXPECT_OK(w.AppendInt64(i));
          EXPECT_OK(w.DictValue());
        }
        EXPECT_OK(w.AppendString("leaf"));
        for (int i = 0; i < kMaxRecursionDepth; ++i) EXPECT_OK(w.End());
      },
      "100 dicts");
}

TEST(SequenceStreamEncoder, BigStrings) {
  // The 6 MiB string also grows the thread's arena past what it keeps for the next writer.
  for (int64_t size : {int64_t{1} << 20, int64_t{6} << 20}) {
    ExpectSameStream(
        [size](SequenceWriter& w) {
          EXPECT_OK(w.BeginList());
          EXPECT_OK(w.AppendString(std::string(static_cast<size_t>(size), 's')));
          for (int i = 0; i < 1000; ++i) EXPECT_OK(w.AppendBytes(reinterpret_cast<const uint8_t*>("abcdefg"), i % 8));
          EXPECT_OK(w.End());
        },
        "big strings " + std::to_string(size));
  }
}

TEST(SequenceStreamEncoder, MoreShapesThanTheSchemaCacheHolds) {
  // 300 distinct shapes (bits of i pick the kinds and containers), twice round.
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 300; ++i) {
      ExpectSameStream(
          [i](SequenceWriter& w) {
            EXPECT_OK(i % 2 == 0 ? w.BeginList() : w.BeginTuple());
            for (int bit = 1; bit < 9; ++bit) {
              if (((i >> bit) & 1) == 0) continue;
              if (bit % 3 == 0) {
                EXPECT_OK(w.BeginDict());
                EXPECT_OK(w.DictKey());
                AppendKind(w, bit, i);
                EXPECT_OK(w.DictValue());
                AppendKind(w, (bit + i) % kNumKinds, i);
                EXPECT_OK(w.End());
              } else {
                AppendKind(w, bit, i);
              }
            }
            EXPECT_OK(w.End());
          },
          "shape " + std::to_string(i));
    }
  }
}

TEST(SequenceStreamEncoder, RepeatedShapesWithOtherSizes) {
  // The same few shapes again and again with other lengths, string sizes and container sizes:
  // the encoder patches its cached record batch message of each shape (see MessageTemplate).
  for (int i = 0; i < 60; ++i) {
    ExpectSameStream(
        [i](SequenceWriter& w) {
          EXPECT_OK(w.BeginList());
          for (int k = 0; k <= i % 7; ++k) EXPECT_OK(w.AppendInt64(k * i));
          EXPECT_OK(w.AppendString(std::string(static_cast<size_t>(i * 13 % 40), 'q')));
          if (i % 3 == 0) {
            EXPECT_OK(w.BeginDict());
            for (int k = 0; k < i % 5; ++k) {
              EXPECT_OK(w.DictKey());
              EXPECT_OK(w.AppendString(std::to_string(k)));
              EXPECT_OK(w.DictValue());
              EXPECT_OK(w.AppendDouble(k));
            }
            EXPECT_OK(w.End());
          }
          EXPECT_OK(w.End());
        },
        "repeated shape " + std::to_string(i));
    // A shape with no top-level value (length 0: built afresh, never patched) in between.
    if (i % 10 == 0) ExpectSameStream([](SequenceWriter&) {}, "empty writer");
  }
}

TEST(SequenceStreamEncoder, SeveralTopLevelValues) {
  ExpectSameStream(
      [](SequenceWriter& w) {
        EXPECT_OK(w.AppendInt64(1));
        EXPECT_OK(w.AppendString("two"));
        EXPECT_OK(w.AppendNone());
      },
      "three top-level values");
}

TEST(SequenceStreamEncoder, ReusedAndOverlappingWriters) {
  const Build small = [](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    EXPECT_OK(w.AppendInt64(3));
    EXPECT_OK(w.AppendString("abc"));
    EXPECT_OK(w.End());
  };
  const Build other = [](SequenceWriter& w) {
    EXPECT_OK(w.BeginDict());
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendBool(true));
    EXPECT_OK(w.DictValue());
    EXPECT_OK(w.AppendDouble(2.5));
    EXPECT_OK(w.End());
  };
  SequenceWriter reference;
  small(reference);
  const auto small_stream = GenericStream(*reference.Finish());
  other(reference);
  const auto other_stream = GenericStream(*reference.Finish());

  SequenceWriter reused;
  for (int i = 0; i < 3; ++i) {
    small(reused);
    ASSERT_OK_AND_ASSIGN(auto a, reused.FinishStream());
    EXPECT_TRUE(a->Equals(*small_stream));
    other(reused);
    ASSERT_OK_AND_ASSIGN(auto b, reused.FinishStream());
    EXPECT_TRUE(b->Equals(*other_stream));
  }
  // Two writers filled at the same time on one thread (a callback serializing inside a walk).
  SequenceWriter outer;
  EXPECT_OK(outer.BeginList());
  {
    SequenceWriter inner;
    other(inner);
    ASSERT_OK_AND_ASSIGN(auto b, inner.FinishStream());
    EXPECT_TRUE(b->Equals(*other_stream));
  }
  EXPECT_OK(outer.AppendInt64(3));
  EXPECT_OK(outer.AppendString("abc"));
  EXPECT_OK(outer.End());
  ASSERT_OK_AND_ASSIGN(auto a, outer.FinishStream());
  EXPECT_TRUE(a->Equals(*small_stream));
}

TEST(SequenceStreamEncoder, WritersOnSeveralThreads) {
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &mismatches] {
      for (int i = 0; i < 100; ++i) {
        const Build build = [t, i](SequenceWriter& w) {
          EXPECT_OK(w.BeginList());
          for (int k = 0; k <= (t + i) % 20; ++k) AppendKind(w, k % kNumKinds, i);
          EXPECT_OK(w.End());
        };
        SequenceWriter direct;
        SequenceWriter generic;
        build(direct);
        build(generic);
        auto stream = direct.FinishStream();
        auto batch = generic.Finish();
        if (!stream.ok() || !batch.ok() || !(*stream)->Equals(*GenericStream(*batch))) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(SequenceStreamEncoder, StreamReadsBackToTheSameValues) {
  SequenceWriter writer;
  EXPECT_OK(writer.BeginList());
  EXPECT_OK(writer.AppendString("x"));
  for (int i = 0; i < 10; ++i) EXPECT_OK(writer.AppendBool(i % 2 == 1));
  EXPECT_OK(writer.End());
  SerializedObject object;
  ASSERT_OK_AND_ASSIGN(object.encoded_stream, writer.FinishStream());
  ASSERT_OK_AND_ASSIGN(auto reader, OpenSequence(object));
  const UnionReader& root = reader->root();
  ASSERT_EQ(root.length(), 1);
  ASSERT_EQ(root.tag(0), PythonTag::LIST);
  const SequenceRange items = root.GetSequence(0);
  ASSERT_EQ(items.end - items.begin, 11);
  EXPECT_EQ(items.values->GetBytes(items.begin), "x");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(items.values->GetBool(items.begin + 1 + i), i % 2 == 1) << i;
}

void BuildMixedList(SequenceWriter& w) {
  EXPECT_OK(w.BeginList());
  for (int k = 0; k < kNumKinds; ++k) AppendKind(w, k, k + 1);
  EXPECT_OK(w.End());
}

TEST(SequenceStreamEncoder, StreamAtAnOffsetIsTheSameStreamWithZerosAround) {
  SequenceWriter plain;
  BuildMixedList(plain);
  ASSERT_OK_AND_ASSIGN(auto expected, plain.FinishStream());
  for (const auto& [offset, alignment] : std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {16, 64}, {3, 8}, {0, 512}}) {
    SequenceWriter writer;
    BuildMixedList(writer);
    ASSERT_OK_AND_ASSIGN(PlacedStream placed, writer.FinishStreamAt(offset, alignment));
    const std::string what = std::to_string(offset) + "/" + std::to_string(alignment);
    EXPECT_EQ(placed.offset, offset) << what;
    ASSERT_EQ(placed.size, expected->size()) << what;
    EXPECT_EQ(placed.buffer->size() % alignment, 0) << what;
    EXPECT_LT(placed.buffer->size() - offset - placed.size, alignment) << what;
    EXPECT_TRUE(SliceBuffer(placed.buffer, offset, placed.size)->Equals(*expected)) << what;
    for (int64_t i = 0; i < offset; ++i) ASSERT_EQ(placed.buffer->data()[i], 0) << what << " byte " << i;
    for (int64_t i = offset + placed.size; i < placed.buffer->size(); ++i) {
      ASSERT_EQ(placed.buffer->data()[i], 0) << what << " byte " << i;
    }
  }
}

TEST(SequenceStreamEncoder, StreamAtBadOffsetOrAlignmentIsInvalid) {
  for (const auto& [offset, alignment] : std::vector<std::pair<int64_t, int64_t>>{{-1, 8}, {0, 0}, {0, 24}, {8, -8}}) {
    SequenceWriter writer;
    EXPECT_OK(writer.AppendNone());
    ASSERT_RAISES_WITH(Invalid, "power of two", writer.FinishStreamAt(offset, alignment));
  }
}

// ToBuffer of `object` as the generic layout writes it (no laid-out buffer).
std::shared_ptr<Buffer> GenericToBuffer(const SerializedObject& object) {
  SerializedObject copy = object;
  copy.laid_out.reset();
  return *copy.ToBuffer();
}

TEST(SequenceStreamEncoder, ObjectsWithoutTensorsAreLaidOutAsToBufferWritesThem) {
  SequenceWriter writer;
  BuildMixedList(writer);
  SerializedObject object;
  ASSERT_OK(FinishEncodedStream(&writer, &object));
  ASSERT_NE(object.laid_out, nullptr);
  const auto expected = GenericToBuffer(object);
  EXPECT_TRUE(object.laid_out->Equals(*expected));
  ASSERT_OK_AND_ASSIGN(auto copied, object.ToBuffer());
  EXPECT_TRUE(copied->Equals(*expected));
  EXPECT_NE(copied->data(), object.laid_out->data());
  EXPECT_TRUE(copied->is_mutable());
  ASSERT_OK_AND_ASSIGN(int64_t total, object.TotalBytes());
  EXPECT_EQ(total, expected->size());

  // A buffer added afterwards changes the header: the laid-out bytes no longer apply.
  object.buffers.push_back(Buffer::FromString("tail"));
  ASSERT_OK_AND_ASSIGN(auto with_buffer, object.ToBuffer());
  EXPECT_TRUE(with_buffer->Equals(*GenericToBuffer(object)));
  EXPECT_FALSE(with_buffer->Equals(*expected));
}

TEST(SequenceStreamEncoder, TakeBufferHandsOverTheLaidOutBytes) {
  SequenceWriter writer;
  BuildMixedList(writer);
  SerializedObject object;
  ASSERT_OK(FinishEncodedStream(&writer, &object));
  const auto expected = GenericToBuffer(object);
  const uint8_t* laid_out = object.laid_out->data();
  ASSERT_OK_AND_ASSIGN(auto taken, object.TakeBuffer());
  EXPECT_EQ(taken->data(), laid_out);
  EXPECT_TRUE(taken->Equals(*expected));
  EXPECT_TRUE(taken->is_mutable());
  EXPECT_EQ(object.laid_out, nullptr);
  EXPECT_EQ(object.encoded_stream, nullptr);
  ASSERT_RAISES_WITH(Invalid, "no encoded stream", object.ToBuffer());
}

TEST(SequenceStreamEncoder, ObjectsWithBuffersAreNotLaidOut) {
  SequenceWriter writer;
  EXPECT_OK(writer.AppendIndex(PythonTag::BUFFER, 0));
  SerializedObject object;
  object.buffers.push_back(Buffer::FromString("payload"));
  ASSERT_OK(FinishEncodedStream(&writer, &object));
  EXPECT_EQ(object.laid_out, nullptr);
  ASSERT_OK_AND_ASSIGN(auto expected, object.ToBuffer());
  ASSERT_OK_AND_ASSIGN(auto taken, object.TakeBuffer());
  EXPECT_TRUE(taken->Equals(*expected));
  EXPECT_NE(object.encoded_stream, nullptr);
}

TEST(SequenceStreamEncoder, OpenContainersAreInvalid) {
  SequenceWriter writer;
  EXPECT_OK(writer.BeginList());
  ASSERT_RAISES_WITH(Invalid, "open containers", writer.FinishStream());
}

}  // namespace
}  // namespace arrowpack::serialize
