// SequenceWriter keeps its union tree from one object to the next on a thread (the arena's known
// children, see sequence_arena_internal.h): whatever came before, an object must encode exactly
// as it does on a thread that never serialized anything. Each test serializes a sequence of
// objects - a shape repeated then changed, a union that gains or loses a child, the same tags
// first used in another order, nested dicts that differ only deep inside, alternating shapes,
// errors in the middle of an object, random shapes, a reused writer after a tree too big to keep -
// through FinishStream and through Finish (the RecordBatch path), and compares each with the same
// object written on a fresh thread. Sequences through FinishStream alone check the encoder that
// seals a tree while laying it out, for unions that lose children deep inside and regain them.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialized_object.h"
#include "serialize_testing.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

using Build = std::function<void(SequenceWriter&)>;

// The stream of `build` written on a new thread (a fresh arena with no earlier objects), checked
// there against Finish + the generic IPC writer.
std::shared_ptr<Buffer> FreshStream(const Build& build) {
  std::shared_ptr<Buffer> stream;
  std::thread([&build, &stream] {
    SequenceWriter direct;
    build(direct);
    auto encoded = direct.FinishStream();
    SequenceWriter generic;
    build(generic);
    auto batch = generic.Finish();
    if (encoded.ok() && batch.ok() && (*encoded)->Equals(*GenericStream(*batch))) stream = *encoded;
  }).join();
  return stream;
}

// Writes `builds` one after another on this thread, each through FinishStream and then again
// through Finish, and compares every stream with the fresh thread's.
void ExpectSequenceLikeFresh(const std::vector<Build>& builds, const std::string& what) {
  for (size_t i = 0; i < builds.size(); ++i) {
    const auto fresh = FreshStream(builds[i]);
    ASSERT_NE(fresh, nullptr) << what << ": object " << i << " fails on a fresh thread";
    {
      SequenceWriter writer;
      builds[i](writer);
      ASSERT_OK_AND_ASSIGN(auto stream, writer.FinishStream());
      EXPECT_TRUE(stream->Equals(*fresh)) << what << ": FinishStream of object " << i;
    }
    {
      SequenceWriter writer;
      builds[i](writer);
      ASSERT_OK_AND_ASSIGN(auto batch, writer.Finish());
      EXPECT_TRUE(GenericStream(batch)->Equals(*fresh)) << what << ": Finish of object " << i;
    }
  }
}

Build IntsThenStrings(int ints, int strings) {
  return [ints, strings](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    for (int k = 0; k < ints; ++k) EXPECT_OK(w.AppendInt64(k));
    for (int k = 0; k < strings; ++k) EXPECT_OK(w.AppendString(std::string(static_cast<size_t>(k), 's')));
    EXPECT_OK(w.End());
  };
}

Build StringsThenInts(int strings, int ints) {
  return [ints, strings](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    for (int k = 0; k < strings; ++k) EXPECT_OK(w.AppendString("t"));
    for (int k = 0; k < ints; ++k) EXPECT_OK(w.AppendInt64(-k));
    EXPECT_OK(w.End());
  };
}

// {"a": {"b": {"c": <leaf>}}}, the leaf written by `leaf`.
Build NestedDicts(const std::function<void(SequenceWriter&)>& leaf) {
  return [leaf](SequenceWriter& w) {
    EXPECT_OK(w.BeginDict());
    for (const char* key : {"a", "b"}) {
      EXPECT_OK(w.DictKey());
      EXPECT_OK(w.AppendString(key));
      EXPECT_OK(w.DictValue());
      EXPECT_OK(w.BeginDict());
    }
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendString("c"));
    EXPECT_OK(w.DictValue());
    leaf(w);
    for (int k = 0; k < 3; ++k) EXPECT_OK(w.End());
  };
}

TEST(SequenceWriterKeptTree, ShapeRepeatedThenChanged) {
  const Build a = IntsThenStrings(3, 2);
  const Build b = IntsThenStrings(3, 0);
  ExpectSequenceLikeFresh({a, a, IntsThenStrings(5, 1), b, b, a, a}, "repeated then changed");
}

TEST(SequenceWriterKeptTree, UnionGainsAndLosesChildren) {
  ExpectSequenceLikeFresh({IntsThenStrings(1, 0), IntsThenStrings(1, 1), IntsThenStrings(0, 1), IntsThenStrings(0, 0),
                           IntsThenStrings(2, 2), IntsThenStrings(1, 0)},
                          "children gained and lost");
}

TEST(SequenceWriterKeptTree, SameTagsFirstUsedInAnotherOrder) {
  ExpectSequenceLikeFresh({IntsThenStrings(2, 2), StringsThenInts(2, 2), IntsThenStrings(2, 2), StringsThenInts(1, 0),
                           StringsThenInts(1, 1)},
                          "first-use order");
}

TEST(SequenceWriterKeptTree, NestedDictsThatDifferOnlyDeepInside) {
  const Build int_leaf = NestedDicts([](SequenceWriter& w) { EXPECT_OK(w.AppendInt64(1)); });
  const Build string_leaf = NestedDicts([](SequenceWriter& w) { EXPECT_OK(w.AppendString("x")); });
  const Build list_leaf = NestedDicts([](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    EXPECT_OK(w.AppendDouble(0.5));
    EXPECT_OK(w.End());
  });
  const Build empty_list_leaf = NestedDicts([](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    EXPECT_OK(w.End());
  });
  ExpectSequenceLikeFresh({int_leaf, int_leaf, string_leaf, list_leaf, empty_list_leaf, list_leaf, int_leaf},
                          "nested dicts");
}

TEST(SequenceWriterKeptTree, AlternatingShapes) {
  const Build scalar = [](SequenceWriter& w) { EXPECT_OK(w.AppendBool(true)); };
  const Build dict = [](SequenceWriter& w) {
    EXPECT_OK(w.BeginDict());
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendInt64(1));
    EXPECT_OK(w.DictValue());
    EXPECT_OK(w.AppendNone());
    EXPECT_OK(w.End());
  };
  const Build list = IntsThenStrings(1, 1);
  std::vector<Build> builds;
  for (int i = 0; i < 4; ++i) {
    builds.push_back(scalar);
    builds.push_back(dict);
    builds.push_back(list);
    builds.push_back(dict);
  }
  ExpectSequenceLikeFresh(builds, "alternating");
}

TEST(SequenceWriterKeptTree, ErrorInTheMiddleOfAnObjectThenANewObject) {
  const Build object = [](SequenceWriter& w) {
    EXPECT_OK(w.BeginList());
    EXPECT_OK(w.AppendInt64(7));
    EXPECT_OK(w.BeginDict());
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendString("k"));
    EXPECT_OK(w.DictValue());
    EXPECT_OK(w.AppendDouble(1.5));
    EXPECT_OK(w.End());
    EXPECT_OK(w.End());
  };
  const auto fresh = FreshStream(object);
  ASSERT_NE(fresh, nullptr);
  // Each failure leaves the thread's tree in another state: same children so far, children
  // created or moved, the dict's values union half filled.
  const std::vector<Build> failures = {
      [](SequenceWriter& w) {
        EXPECT_OK(w.BeginList());
        EXPECT_OK(w.AppendInt64(7));
        EXPECT_OK(w.BeginDict());
        ASSERT_RAISES(Invalid, w.AppendInt64(1));  // no DictKey()
      },
      [](SequenceWriter& w) {
        EXPECT_OK(w.BeginList());
        EXPECT_OK(w.AppendString("first"));
        EXPECT_OK(w.AppendBool(false));
        EXPECT_OK(w.BeginDict());
        EXPECT_OK(w.DictKey());
        EXPECT_OK(w.AppendNone());
        EXPECT_OK(w.DictValue());
        EXPECT_OK(w.AppendInt64(3));
        ASSERT_RAISES(Invalid, w.Finish());  // open containers
      },
      [](SequenceWriter& w) {
        EXPECT_OK(w.BeginList());
        EXPECT_OK(w.AppendInt64(7));
        EXPECT_OK(w.BeginDict());
        EXPECT_OK(w.DictKey());
        EXPECT_OK(w.AppendString("k"));
        ASSERT_RAISES(Invalid, w.End());  // a key without a value
      },
  };
  for (size_t i = 0; i < failures.size(); ++i) {
    for (const bool seen_before : {false, true}) {
      if (seen_before) {
        SequenceWriter warm;
        object(warm);
        ASSERT_OK(warm.FinishStream().status());
      }
      {
        SequenceWriter failing;
        failures[i](failing);
      }
      SequenceWriter writer;
      object(writer);
      ASSERT_OK_AND_ASSIGN(auto stream, writer.FinishStream());
      EXPECT_TRUE(stream->Equals(*fresh)) << "after failure " << i << (seen_before ? " (shape seen before)" : "");
    }
  }
}

// A list holding, `depth` times over, a list, a tuple, a set and a dict of the same: about 5^depth
// unions, more than an arena keeps (kMaxRetainedArenaNodes).
void AppendBranching(SequenceWriter& w, int depth) {
  for (int kind = 0; kind < 4; ++kind) {
    EXPECT_OK(kind == 0 ? w.BeginList() : kind == 1 ? w.BeginTuple() : kind == 2 ? w.BeginSet() : w.BeginDict());
    if (kind == 3) {
      EXPECT_OK(w.DictKey());
      EXPECT_OK(w.AppendNone());
      EXPECT_OK(w.DictValue());
      EXPECT_OK(w.BeginList());
    }
    EXPECT_OK(w.AppendInt64(depth));
    if (depth > 0) AppendBranching(w, depth - 1);
    if (kind == 3) EXPECT_OK(w.End());
    EXPECT_OK(w.End());
  }
}

TEST(SequenceWriterKeptTree, OneWriterReusedAfterATreeTooBigToKeep) {
  const Build big = [](SequenceWriter& w) { AppendBranching(w, 6); };
  const Build small = IntsThenStrings(2, 1);
  const auto big_fresh = FreshStream(big);
  const auto small_fresh = FreshStream(small);
  ASSERT_NE(big_fresh, nullptr);
  ASSERT_NE(small_fresh, nullptr);
  SequenceWriter writer;  // reused: Finish empties it for the next object
  for (int i = 0; i < 2; ++i) {
    big(writer);
    ASSERT_OK_AND_ASSIGN(auto big_stream, writer.FinishStream());
    EXPECT_TRUE(big_stream->Equals(*big_fresh));
    small(writer);
    ASSERT_OK_AND_ASSIGN(auto small_stream, writer.FinishStream());
    EXPECT_TRUE(small_stream->Equals(*small_fresh));
    small(writer);
    ASSERT_OK_AND_ASSIGN(auto batch, writer.Finish());
    EXPECT_TRUE(GenericStream(batch)->Equals(*small_fresh));
  }
}

// A random value of at most `depth` levels whose shape is drawn from few choices, so that shapes
// repeat, nearly repeat and change.
void AppendRandom(SequenceWriter& w, std::mt19937& rng, int depth) {
  const int kind = static_cast<int>(rng() % (depth > 0 ? 8 : 5));
  const int n = static_cast<int>(rng() % 4);
  switch (kind) {
    case 0: EXPECT_OK(w.AppendInt64(static_cast<int64_t>(rng() % 1000))); break;
    case 1: EXPECT_OK(w.AppendString(std::string(rng() % 12, 'r'))); break;
    case 2: EXPECT_OK(w.AppendBool(rng() % 2 == 0)); break;
    case 3: EXPECT_OK(w.AppendDouble(0.25 * static_cast<double>(rng() % 9))); break;
    case 4: EXPECT_OK(w.AppendNone()); break;
    case 5:
    case 6:
      EXPECT_OK(kind == 5 ? w.BeginList() : w.BeginTuple());
      for (int k = 0; k < n; ++k) AppendRandom(w, rng, depth - 1);
      EXPECT_OK(w.End());
      break;
    default:
      EXPECT_OK(w.BeginDict());
      for (int k = 0; k < n; ++k) {
        EXPECT_OK(w.DictKey());
        EXPECT_OK(w.AppendString(std::to_string(k)));
        EXPECT_OK(w.DictValue());
        AppendRandom(w, rng, depth - 1);
      }
      EXPECT_OK(w.End());
      break;
  }
}

// `count` random values (AppendRandom): mostly of `recurring` seeds (repeated shapes), sometimes
// of a new one.
std::vector<Build> RandomBuilds(int count, uint32_t seed, uint32_t recurring) {
  std::vector<Build> builds;
  std::mt19937 pick(seed);
  for (int i = 0; i < count; ++i) {
    const uint32_t value_seed = pick() % 4 == 0 ? pick() : pick() % recurring;
    builds.push_back([value_seed](SequenceWriter& w) {
      std::mt19937 rng(value_seed);
      AppendRandom(w, rng, 3);
    });
  }
  return builds;
}

TEST(SequenceWriterKeptTree, RandomShapesInSequence) {
  ExpectSequenceLikeFresh(RandomBuilds(120, 20261123, 6), "random shapes");
}

// Writes `builds` one after another through FinishStream only (so that each object after the
// first of a shape is sealed while it is encoded, see EncodeSequenceStream), once with a writer per
// object and once with one writer reused, and compares every stream with the fresh thread's.
void ExpectStreamsLikeFresh(const std::vector<Build>& builds, const std::string& what) {
  std::vector<std::shared_ptr<Buffer>> fresh;
  for (size_t i = 0; i < builds.size(); ++i) {
    fresh.push_back(FreshStream(builds[i]));
    ASSERT_NE(fresh.back(), nullptr) << what << ": object " << i << " fails on a fresh thread";
  }
  for (size_t i = 0; i < builds.size(); ++i) {
    SequenceWriter writer;
    builds[i](writer);
    ASSERT_OK_AND_ASSIGN(auto stream, writer.FinishStream());
    EXPECT_TRUE(stream->Equals(*fresh[i])) << what << ": object " << i << ", a writer per object";
  }
  SequenceWriter reused;
  for (size_t i = 0; i < builds.size(); ++i) {
    builds[i](reused);
    ASSERT_OK_AND_ASSIGN(auto stream, reused.FinishStream());
    EXPECT_TRUE(stream->Equals(*fresh[i])) << what << ": object " << i << ", one writer reused";
  }
}

// {"a": [1, [2, <"y" when deep_string>], "x"], "b": "z"}: the union of the inner list loses its
// string child when deep_string is false, and strings follow it in the walk.
Build ListsInADict(bool deep_string) {
  return [deep_string](SequenceWriter& w) {
    EXPECT_OK(w.BeginDict());
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendString("a"));
    EXPECT_OK(w.DictValue());
    EXPECT_OK(w.BeginList());
    EXPECT_OK(w.AppendInt64(1));
    EXPECT_OK(w.BeginList());
    EXPECT_OK(w.AppendInt64(2));
    if (deep_string) EXPECT_OK(w.AppendString("y"));
    EXPECT_OK(w.End());
    EXPECT_OK(w.AppendString("x"));
    EXPECT_OK(w.End());
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendString("b"));
    EXPECT_OK(w.DictValue());
    EXPECT_OK(w.AppendString("z"));
    EXPECT_OK(w.End());
  };
}

TEST(SequenceWriterKeptTree, StreamsOnlyWhileUnionsLoseAndRegainChildren) {
  const Build full = ListsInADict(true);
  const Build fewer = ListsInADict(false);
  const Build nothing = [](SequenceWriter&) {};
  ExpectStreamsLikeFresh({full, full, fewer, fewer, full, fewer, IntsThenStrings(2, 2), IntsThenStrings(2, 0),
                          IntsThenStrings(0, 0), IntsThenStrings(0, 0), nothing, nothing, full, full},
                         "lose and regain children");
}

TEST(SequenceWriterKeptTree, StreamsOnlyOfRandomShapes) {
  ExpectStreamsLikeFresh(RandomBuilds(80, 20261124, 5), "random shapes, streams only");
}

}  // namespace
}  // namespace arrowpack::serialize
