#include "arrowpack/registry/type_registry.h"

#include <memory>

#include "arrowpack/registry/msgpack_type.h"
#include "test_util.h"

namespace arrowpack {

namespace {

struct Point {
  int64_t x = 0;
  int64_t y = 0;
  bool operator==(const Point&) const = default;
};

struct Labelled {
  std::string label;
  std::vector<double> weights;
  std::map<std::string, int> counts;
  bool operator==(const Labelled&) const = default;
  MSGPACK_DEFINE(label, weights, counts);
};

struct Named {
  std::string name;
  int age = 0;
  bool operator==(const Named&) const = default;
  MSGPACK_DEFINE_MAP(name, age);
};

// A type that cannot be copied, only moved.
struct Handle {
  std::unique_ptr<int> id;
};

Result<Value> PointToValue(const Point& p) { return Value::Tuple({Value::Int(p.x), Value::Int(p.y)}); }

Result<Point> PointFromValue(const Value& payload) {
  ARROWPACK_RETURN_NOT_OK(payload.CheckKind(ValueKind::kTuple));
  if (payload.items().size() != 2) return Status::Invalid("a point has 2 coordinates, got ", payload.items().size());
  for (const Value& item : payload.items()) ARROWPACK_RETURN_NOT_OK(item.CheckKind(ValueKind::kInt));
  return Point{payload.items()[0].int_value(), payload.items()[1].int_value()};
}

TypeRegistry PointRegistry() {
  TypeRegistry registry;
  Status status = registry.Register<Point>("example.Point", PointToValue, PointFromValue);
  if (!status.ok()) status.Abort("PointRegistry");
  return registry;
}

Value Custom(std::string id, Value payload) { return Value::Custom(std::move(id), std::move(payload)).ValueOrDie(); }

}  // namespace

TEST(TypeRegistryTest, SerializeWrapsThePayloadUnderTheId) {
  TypeRegistry registry = PointRegistry();
  ASSERT_OK_AND_ASSIGN(Value value, registry.Serialize(Point{3, -4}));
  EXPECT_EQ(value, Custom("example.Point", Value::Tuple({Value::Int(3), Value::Int(-4)})));
}

TEST(TypeRegistryTest, DeserializeRebuildsTheObject) {
  TypeRegistry registry = PointRegistry();
  ASSERT_OK_AND_ASSIGN(Value value, registry.Serialize(Point{3, -4}));
  ASSERT_OK_AND_ASSIGN(Point point, registry.Deserialize<Point>(value));
  EXPECT_EQ(point, (Point{3, -4}));
}

TEST(TypeRegistryTest, LooksUpBothWays) {
  TypeRegistry registry = PointRegistry();
  ASSERT_OK_AND_ASSIGN(std::string id, registry.TypeIdOf<Point>());
  EXPECT_EQ(id, "example.Point");
  ASSERT_OK_AND_ASSIGN(std::type_index type, registry.TypeOf("example.Point"));
  EXPECT_EQ(type, std::type_index(typeid(Point)));
  EXPECT_TRUE(registry.Contains("example.Point"));
  EXPECT_FALSE(registry.Contains("example.Other"));
  EXPECT_EQ(registry.type_ids(), std::vector<std::string>{"example.Point"});
}

TEST(TypeRegistryTest, UnknownIdAndTypeNameWhatIsMissing) {
  TypeRegistry registry = PointRegistry();
  ASSERT_RAISES_WITH(KeyError, "type id 'nope' is not registered", registry.TypeOf("nope"));
  ASSERT_RAISES_WITH(KeyError, "type id 'nope' is not registered", registry.DeserializeAny(Custom("nope", Value())));
  ASSERT_RAISES_WITH(KeyError, "is not registered", registry.TypeIdOf<Named>());
  ASSERT_RAISES_WITH(KeyError, "is not registered", registry.Serialize(Named{"a", 1}));
  ASSERT_RAISES_WITH(KeyError, "is not registered", registry.Deserialize<Named>(Custom("x", Value())));
}

TEST(TypeRegistryTest, DuplicateIdIsRejected) {
  TypeRegistry registry = PointRegistry();
  ASSERT_RAISES_WITH(Invalid, "type id 'example.Point' is already registered",
                     RegisterMsgpack<Named>(registry, "example.Point"));
  EXPECT_FALSE(registry.TypeIdOf<Named>().ok());
}

TEST(TypeRegistryTest, DuplicateTypeIsRejected) {
  TypeRegistry registry = PointRegistry();
  ASSERT_RAISES_WITH(Invalid, "already registered as 'example.Point'",
                     registry.Register<Point>("example.Point2", PointToValue, PointFromValue));
  EXPECT_FALSE(registry.Contains("example.Point2"));
}

TEST(TypeRegistryTest, EmptyIdOrFunctionIsRejected) {
  TypeRegistry registry;
  ASSERT_RAISES_WITH(Invalid, "non-empty type id", registry.Register<Point>("", PointToValue, PointFromValue));
  ASSERT_RAISES_WITH(Invalid, "empty serializer function", registry.Register<Point>("p", nullptr, PointFromValue));
  ASSERT_RAISES_WITH(Invalid, "empty serializer function", registry.Register<Point>("p", PointToValue, nullptr));
  EXPECT_TRUE(registry.type_ids().empty());
}

TEST(TypeRegistryTest, DeserializeChecksKindAndId) {
  TypeRegistry registry = PointRegistry();
  ASSERT_RAISES_WITH(TypeError, "expected a custom value, got tuple",
                     registry.Deserialize<Point>(Value::Tuple({Value::Int(1), Value::Int(2)})));
  ASSERT_RAISES_WITH(TypeError, "expected a value of type id 'example.Point', got 'other'",
                     registry.Deserialize<Point>(Custom("other", Value::Tuple())));
  ASSERT_RAISES_WITH(TypeError, "expected a custom value", registry.DeserializeAny(Value::Int(1)));
}

TEST(TypeRegistryTest, HandlerErrorsNameTheId) {
  TypeRegistry registry = PointRegistry();
  ASSERT_RAISES_WITH(Invalid, "type id 'example.Point': a point has 2 coordinates, got 1",
                     registry.Deserialize<Point>(Custom("example.Point", Value::Tuple({Value::Int(1)}))));
  ASSERT_RAISES_WITH(TypeError, "type id 'example.Point': expected a tuple value, got str",
                     registry.DeserializeAny(Custom("example.Point", Value::String("1,2"))));
  ASSERT_OK(registry.Register<Named>(
      "failing", [](const Named&) -> Result<Value> { return Status::SerializationError("cannot"); },
      [](const Value&) -> Result<Named> { return Named{}; }));
  ASSERT_RAISES_WITH(SerializationError, "type id 'failing': cannot", registry.Serialize(Named{}));
}

TEST(TypeRegistryTest, DeserializeAnyPicksTheTypeById) {
  TypeRegistry registry = PointRegistry();
  ASSERT_OK(RegisterMsgpack<Named>(registry, "example.Named"));
  ASSERT_OK_AND_ASSIGN(Value named_value, registry.Serialize(Named{"ada", 36}));
  ASSERT_OK_AND_ASSIGN(std::any named, registry.DeserializeAny(named_value));
  ASSERT_EQ(named.type(), typeid(Named));
  EXPECT_EQ(std::any_cast<Named>(named), (Named{"ada", 36}));
  ASSERT_OK_AND_ASSIGN(std::any point, registry.DeserializeAny(Custom("example.Point", Value::Tuple({Value::Int(1), Value::Int(2)}))));
  EXPECT_EQ(std::any_cast<Point>(point), (Point{1, 2}));
}

TEST(TypeRegistryTest, MoveOnlyTypesWorkThroughTypedCalls) {
  TypeRegistry registry;
  ASSERT_OK(registry.Register<Handle>(
      "handle", [](const Handle& h) -> Result<Value> { return Value::Int(*h.id); },
      [](const Value& v) -> Result<Handle> {
        ARROWPACK_RETURN_NOT_OK(v.CheckKind(ValueKind::kInt));
        return Handle{std::make_unique<int>(static_cast<int>(v.int_value()))};
      }));
  ASSERT_OK_AND_ASSIGN(Value value, registry.Serialize(Handle{std::make_unique<int>(9)}));
  ASSERT_OK_AND_ASSIGN(Handle handle, registry.Deserialize<Handle>(value));
  EXPECT_EQ(*handle.id, 9);
  ASSERT_RAISES_WITH(NotImplemented, "not copy-constructible", registry.DeserializeAny(value));
}

TEST(MsgpackTypeTest, OneLineRegistrationRoundTrips) {
  TypeRegistry registry;
  ASSERT_OK(RegisterMsgpack<Labelled>(registry, "example.Labelled"));
  Labelled original{"weights", {0.5, -1.25}, {{"a", 1}, {"b", 2}}};
  ASSERT_OK_AND_ASSIGN(Value value, registry.Serialize(original));
  EXPECT_EQ(value.custom_type_id(), "example.Labelled");
  EXPECT_EQ(value.custom_payload().kind(), ValueKind::kBytes);
  ASSERT_OK_AND_ASSIGN(Labelled back, registry.Deserialize<Labelled>(value));
  EXPECT_EQ(back, original);
}

TEST(MsgpackTypeTest, PayloadIsPlainMsgpack) {
  // MSGPACK_DEFINE_MAP writes {"name": ..., "age": ...}: fixmap(2), fixstr "name", fixstr "ada",
  // fixstr "age", positive fixint 36.
  TypeRegistry registry;
  ASSERT_OK(RegisterMsgpack<Named>(registry, "example.Named"));
  ASSERT_OK_AND_ASSIGN(Value value, registry.Serialize(Named{"ada", 36}));
  EXPECT_EQ(value.custom_payload().bytes(), std::string("\x82\xa4name\xa3" "ada\xa3" "age\x24"));
}

TEST(MsgpackTypeTest, BadPayloadsGiveClearErrors) {
  TypeRegistry registry;
  ASSERT_OK(RegisterMsgpack<Named>(registry, "example.Named"));
  ASSERT_RAISES_WITH(TypeError, "expected a bytes value, got str",
                     registry.Deserialize<Named>(Custom("example.Named", Value::String("x"))));
  ASSERT_RAISES_WITH(Invalid, "type id 'example.Named': msgpack payload does not decode",
                     registry.Deserialize<Named>(Custom("example.Named", Value::Bytes(""))));
  // A map header that announces 2 entries but ends after the first key.
  ASSERT_RAISES_WITH(Invalid, "does not decode",
                     registry.Deserialize<Named>(Custom("example.Named", Value::Bytes("\x82\xa4name"))));
  // An int where a map is expected.
  ASSERT_RAISES_WITH(Invalid, "does not decode",
                     registry.Deserialize<Named>(Custom("example.Named", Value::Bytes("\x05"))));
  ASSERT_RAISES_WITH(Invalid, "1 trailing bytes",
                     registry.Deserialize<Named>(Custom("example.Named", Value::Bytes(std::string("\x80\x00", 2)))));
}

TEST(MsgpackTypeTest, HugeDeclaredCountsAreRefusedWithoutAllocating) {
  // array32 announcing 2^32 - 1 elements in a 5-byte payload; map32 likewise; str32 of 4 GB.
  for (const std::string& bytes : {std::string("\xdd\xff\xff\xff\xff", 5), std::string("\xdf\xff\xff\xff\xff", 5),
                                  std::string("\xdb\xff\xff\xff\xff", 5)}) {
    ASSERT_RAISES_WITH(Invalid, "does not decode", UnpackMsgpack<Labelled>(bytes));
  }
}

TEST(MsgpackTypeTest, DeepNestingIsRefused) {
  std::string nested(200, '\x91');  // 200 nested one-element arrays
  nested.push_back('\x00');
  ASSERT_RAISES_WITH(Invalid, "does not decode", UnpackMsgpack<std::vector<int>>(nested));
}

}  // namespace arrowpack
