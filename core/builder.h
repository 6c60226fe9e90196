// Array builders for every Arrow type. Include this header for the whole family:
//   builder_base.h      ArrayBuilder (appending nulls, Reserve, Finish, ownership rules)
//   builder_primitive.h NullBuilder, NumericBuilder<CType>, BooleanBuilder
//   builder_binary.h    binary/string (+large, +view), fixed-size binary, decimal
//   builder_nested.h    list (+large, +view), map, fixed-size list, struct, sparse/dense union
//   builder_dict.h      DictionaryBuilder
//   builder_run_end.h   RunEndEncodedBuilder
//
// MakeBuilder(type, pool) (declared in builder_base.h) returns the builder for any type,
// children included; cast it to the concrete class to use typed appends:
//   temporal types, intervals and float16 -> NumericBuilder of the same width (float16: uint16_t),
//   decimals -> DecimalBuilder, dictionaries -> DictionaryBuilder (NotImplemented for unsupported
//   value types), extension types -> the storage type's builder whose arrays carry the extension
//   type. Builders allocate from `pool` (nullptr: the default pool).
#pragma once

#include "arrowpack/core/builder_base.h"
#include "arrowpack/core/builder_binary.h"
#include "arrowpack/core/builder_dict.h"
#include "arrowpack/core/builder_nested.h"
#include "arrowpack/core/builder_primitive.h"
#include "arrowpack/core/builder_run_end.h"
