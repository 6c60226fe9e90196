#include "arrowpack/core/builder.h"

namespace arrowpack {

namespace {

template <typename Builder, typename... Args>
Result<std::unique_ptr<ArrayBuilder>> Make(Args&&... args) {
  return std::unique_ptr<ArrayBuilder>(std::make_unique<Builder>(std::forward<Args>(args)...));
}

Result<std::vector<std::unique_ptr<ArrayBuilder>>> MakeFieldBuilders(const DataType& type, MemoryPool* pool) {
  std::vector<std::unique_ptr<ArrayBuilder>> builders;
  for (const auto& field : type.fields()) {
    ARROWPACK_ASSIGN_OR_RAISE(auto builder, MakeBuilder(field->type(), pool));
    builders.push_back(std::move(builder));
  }
  return builders;
}

template <typename ListLikeBuilder>
Result<std::unique_ptr<ArrayBuilder>> MakeListBuilder(const TypePtr& type, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(auto values, MakeBuilder(static_cast<const BaseListType&>(*type).value_type(), pool));
  return Make<ListLikeBuilder>(type, std::move(values), pool);
}

}  // namespace

Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const TypePtr& type, MemoryPool* pool) {
  switch (type->id()) {
    case TypeId::NA: return Make<NullBuilder>(pool);
    case TypeId::BOOL: return Make<BooleanBuilder>(pool);
    case TypeId::INT8: return Make<Int8Builder>(type, pool);
    case TypeId::INT16: return Make<Int16Builder>(type, pool);
    case TypeId::INT32:
    case TypeId::DATE32:
    case TypeId::TIME32:
    case TypeId::INTERVAL_MONTHS:
      return Make<Int32Builder>(type, pool);
    case TypeId::INT64:
    case TypeId::DATE64:
    case TypeId::TIME64:
    case TypeId::TIMESTAMP:
    case TypeId::DURATION:
    case TypeId::INTERVAL_DAY_TIME:
      return Make<Int64Builder>(type, pool);
    case TypeId::UINT8: return Make<UInt8Builder>(type, pool);
    case TypeId::UINT16:
    case TypeId::HALF_FLOAT:
      return Make<UInt16Builder>(type, pool);
    case TypeId::UINT32: return Make<UInt32Builder>(type, pool);
    case TypeId::UINT64: return Make<UInt64Builder>(type, pool);
    case TypeId::FLOAT: return Make<FloatBuilder>(type, pool);
    case TypeId::DOUBLE: return Make<DoubleBuilder>(type, pool);
    case TypeId::INTERVAL_MONTH_DAY_NANO: return Make<MonthDayNanoIntervalBuilder>(type, pool);
    case TypeId::BINARY: return Make<BinaryBuilder>(pool);
    case TypeId::STRING: return Make<StringBuilder>(pool);
    case TypeId::LARGE_BINARY: return Make<LargeBinaryBuilder>(pool);
    case TypeId::LARGE_STRING: return Make<LargeStringBuilder>(pool);
    case TypeId::BINARY_VIEW: return Make<BinaryViewBuilder>(pool);
    case TypeId::STRING_VIEW: return Make<StringViewBuilder>(pool);
    case TypeId::FIXED_SIZE_BINARY: return Make<FixedSizeBinaryBuilder>(type, pool);
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256:
      return Make<DecimalBuilder>(type, pool);
    case TypeId::LIST: return MakeListBuilder<ListBuilder>(type, pool);
    case TypeId::LARGE_LIST: return MakeListBuilder<LargeListBuilder>(type, pool);
    case TypeId::LIST_VIEW: return MakeListBuilder<ListViewBuilder>(type, pool);
    case TypeId::LARGE_LIST_VIEW: return MakeListBuilder<LargeListViewBuilder>(type, pool);
    case TypeId::FIXED_SIZE_LIST: return MakeListBuilder<FixedSizeListBuilder>(type, pool);
    case TypeId::MAP: {
      const auto& map_type = static_cast<const MapType&>(*type);
      ARROWPACK_ASSIGN_OR_RAISE(auto keys, MakeBuilder(map_type.key_type(), pool));
      ARROWPACK_ASSIGN_OR_RAISE(auto items, MakeBuilder(map_type.item_type(), pool));
      return Make<MapBuilder>(type, std::move(keys), std::move(items), pool);
    }
    case TypeId::STRUCT: {
      ARROWPACK_ASSIGN_OR_RAISE(auto fields, MakeFieldBuilders(*type, pool));
      return Make<StructBuilder>(type, std::move(fields), pool);
    }
    case TypeId::SPARSE_UNION: {
      ARROWPACK_ASSIGN_OR_RAISE(auto children, MakeFieldBuilders(*type, pool));
      return Make<SparseUnionBuilder>(type, std::move(children), pool);
    }
    case TypeId::DENSE_UNION: {
      ARROWPACK_ASSIGN_OR_RAISE(auto children, MakeFieldBuilders(*type, pool));
      return Make<DenseUnionBuilder>(type, std::move(children), pool);
    }
    case TypeId::DICTIONARY: {
      ARROWPACK_ASSIGN_OR_RAISE(auto builder, DictionaryBuilder::Make(type, pool));
      return std::unique_ptr<ArrayBuilder>(std::move(builder));
    }
    case TypeId::RUN_END_ENCODED: {
      ARROWPACK_ASSIGN_OR_RAISE(auto values,
                                MakeBuilder(static_cast<const RunEndEncodedType&>(*type).value_type(), pool));
      return Make<RunEndEncodedBuilder>(type, std::move(values), pool);
    }
    case TypeId::EXTENSION: {
      ARROWPACK_ASSIGN_OR_RAISE(auto builder,
                                MakeBuilder(static_cast<const ExtensionType&>(*type).storage_type(), pool));
      builder->extension_type_ = type;
      return builder;
    }
  }
  return Status::NotImplemented("no builder for type ", type->ToString());
}

}  // namespace arrowpack
