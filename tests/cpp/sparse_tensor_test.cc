#include "arrowpack/core/sparse_tensor.h"

#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::BufferOf;
using testing::TensorOf;

namespace {

// [[1, 0, 2, 0],
//  [0, 0, 3, 0],
//  [4, 5, 0, 6]]
TensorPtr Matrix() { return TensorOf<int64_t>(int64(), {1, 0, 2, 0, 0, 0, 3, 0, 4, 5, 0, 6}, {3, 4}); }

// 2 x 3 x 2 with t[0,0,1] = 1, t[0,2,0] = 2, t[0,2,1] = 3, t[1,1,1] = 4.
TensorPtr Cube() {
  std::vector<double> values(12, 0.0);
  values[1] = 1, values[4] = 2, values[5] = 3, values[9] = 4;
  return TensorOf<double>(float64(), values, {2, 3, 2});
}

TensorPtr Int64Vector(std::vector<int64_t> values) {
  const int64_t n = static_cast<int64_t>(values.size());
  return TensorOf<int64_t>(int64(), values, {n});
}

std::vector<int64_t> Elements(const Tensor& tensor) {
  std::vector<int64_t> out;
  if (tensor.ndim() == 1) {
    for (int64_t i = 0; i < tensor.shape()[0]; ++i) out.push_back(tensor.Value<int64_t>({i}));
  } else {
    for (int64_t r = 0; r < tensor.shape()[0]; ++r) {
      for (int64_t c = 0; c < tensor.shape()[1]; ++c) out.push_back(tensor.Value<int64_t>({r, c}));
    }
  }
  return out;
}

template <typename T>
std::vector<T> Values(const SparseTensor& sparse) {
  std::vector<T> out(sparse.non_zero_length());
  std::memcpy(out.data(), sparse.data()->data(), out.size() * sizeof(T));
  return out;
}

}  // namespace

// Expected layouts below are what pyarrow's from_dense_numpy produces for the same data.

TEST(SparseTensorTest, FromTensorCOO) {
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::COO));
  EXPECT_EQ(sparse->format_id(), SparseTensorFormat::COO);
  EXPECT_EQ(sparse->non_zero_length(), 6);
  EXPECT_EQ(sparse->shape(), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(Values<int64_t>(*sparse), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  const auto& index = static_cast<const SparseCOOIndex&>(*sparse->sparse_index());
  EXPECT_TRUE(index.is_canonical());
  EXPECT_EQ(index.indices()->shape(), (std::vector<int64_t>{6, 2}));
  EXPECT_EQ(Elements(*index.indices()), (std::vector<int64_t>{0, 0, 0, 2, 1, 2, 2, 0, 2, 1, 2, 3}));
}

TEST(SparseTensorTest, FromTensorCSR) {
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::CSR));
  const auto& index = static_cast<const SparseCSRIndex&>(*sparse->sparse_index());
  EXPECT_EQ(Elements(*index.indptr()), (std::vector<int64_t>{0, 2, 3, 6}));
  EXPECT_EQ(Elements(*index.indices()), (std::vector<int64_t>{0, 2, 2, 0, 1, 3}));
  EXPECT_EQ(Values<int64_t>(*sparse), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
}

TEST(SparseTensorTest, FromTensorCSC) {
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::CSC));
  const auto& index = static_cast<const SparseCSCIndex&>(*sparse->sparse_index());
  EXPECT_EQ(Elements(*index.indptr()), (std::vector<int64_t>{0, 2, 3, 5, 6}));
  EXPECT_EQ(Elements(*index.indices()), (std::vector<int64_t>{0, 2, 2, 0, 1, 2}));
  EXPECT_EQ(Values<int64_t>(*sparse), (std::vector<int64_t>{1, 4, 5, 2, 3, 6}));
}

TEST(SparseTensorTest, FromTensorCSFSortsAxesByExtent) {
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*Cube(), SparseTensorFormat::CSF));
  const auto& index = static_cast<const SparseCSFIndex&>(*sparse->sparse_index());
  EXPECT_EQ(index.axis_order(), (std::vector<int64_t>{0, 2, 1}));
  ASSERT_EQ(index.indptr().size(), 2u);
  EXPECT_EQ(Elements(*index.indptr()[0]), (std::vector<int64_t>{0, 2, 3}));
  EXPECT_EQ(Elements(*index.indptr()[1]), (std::vector<int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(Elements(*index.indices()[0]), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(Elements(*index.indices()[1]), (std::vector<int64_t>{0, 1, 1}));
  EXPECT_EQ(Elements(*index.indices()[2]), (std::vector<int64_t>{2, 0, 2, 1}));
  EXPECT_EQ(Values<double>(*sparse), (std::vector<double>{2, 1, 3, 4}));
}

TEST(SparseTensorTest, FromTensorCSFWithExplicitOrder) {
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensorCSF(*Cube(), {0, 1, 2}));
  const auto& index = static_cast<const SparseCSFIndex&>(*sparse->sparse_index());
  EXPECT_EQ(Elements(*index.indices()[0]), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(Elements(*index.indices()[1]), (std::vector<int64_t>{0, 2, 1}));
  EXPECT_EQ(Elements(*index.indices()[2]), (std::vector<int64_t>{1, 0, 1, 1}));
  EXPECT_EQ(Elements(*index.indptr()[0]), (std::vector<int64_t>{0, 2, 3}));
  EXPECT_EQ(Elements(*index.indptr()[1]), (std::vector<int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(Values<double>(*sparse), (std::vector<double>{1, 2, 3, 4}));
  ASSERT_RAISES_WITH(Invalid, "permutation", SparseTensor::FromTensorCSF(*Cube(), {0, 0, 1}));
  ASSERT_RAISES(Invalid, SparseTensor::FromTensorCSF(*Cube(), {0, 1}));
}

TEST(SparseTensorTest, RoundTripsEveryFormat) {
  for (auto format : {SparseTensorFormat::COO, SparseTensorFormat::CSR, SparseTensorFormat::CSC,
                      SparseTensorFormat::CSF}) {
    ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*Matrix(), format, system_memory_pool()));
    ASSERT_OK_AND_ASSIGN(auto dense, sparse->ToTensor(system_memory_pool()));
    EXPECT_TRUE(dense->Equals(*Matrix())) << static_cast<int>(format);
    EXPECT_TRUE(dense->is_row_major());
  }
  for (auto format : {SparseTensorFormat::COO, SparseTensorFormat::CSF}) {
    ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*Cube(), format));
    ASSERT_OK_AND_ASSIGN(auto dense, sparse->ToTensor());
    EXPECT_TRUE(dense->Equals(*Cube()));
  }
}

TEST(SparseTensorTest, FromStridedTensor) {
  // The column-major layout of Matrix().
  auto column_major = TensorOf<int64_t>(int64(), {1, 0, 4, 0, 0, 5, 2, 3, 0, 0, 0, 6}, {3, 4}, {8, 24});
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*column_major, SparseTensorFormat::COO));
  ASSERT_OK_AND_ASSIGN(auto expected, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::COO));
  EXPECT_TRUE(sparse->Equals(*expected));
}

TEST(SparseTensorTest, KeepsDimNamesAndHandlesAllZeros) {
  auto zeros = TensorOf<float>(float32(), {0, -0.0f, 0, 0}, {2, 2}, {}, {"a", "b"});
  for (auto format : {SparseTensorFormat::COO, SparseTensorFormat::CSR, SparseTensorFormat::CSF}) {
    ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*zeros, format));
    EXPECT_EQ(sparse->non_zero_length(), 0);
    EXPECT_EQ(sparse->dim_names(), (std::vector<std::string>{"a", "b"}));
    ASSERT_OK_AND_ASSIGN(auto dense, sparse->ToTensor());
    EXPECT_TRUE(dense->Equals(*zeros));
    EXPECT_EQ(dense->dim_name(1), "b");
  }
}

TEST(SparseTensorTest, CSRAndCSCNeedMatrices) {
  ASSERT_RAISES_WITH(Invalid, "2-D", SparseTensor::FromTensor(*Cube(), SparseTensorFormat::CSR));
  ASSERT_RAISES_WITH(Invalid, "2-D", SparseTensor::FromTensor(*Cube(), SparseTensorFormat::CSC));
}

TEST(SparseTensorTest, EqualsComparesIndexAndValues) {
  ASSERT_OK_AND_ASSIGN(auto a, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::CSR));
  ASSERT_OK_AND_ASSIGN(auto b, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::CSR));
  EXPECT_TRUE(a->Equals(*b));
  ASSERT_OK_AND_ASSIGN(auto csc, SparseTensor::FromTensor(*Matrix(), SparseTensorFormat::CSC));
  EXPECT_FALSE(a->Equals(*csc));
  ASSERT_OK_AND_ASSIGN(auto other_values, SparseTensor::Make(a->sparse_index(), int64(),
                                                             BufferOf<int64_t>({1, 2, 3, 4, 5, 7}), {3, 4}));
  EXPECT_FALSE(a->Equals(*other_values));
  ASSERT_OK_AND_ASSIGN(auto other_shape, SparseTensor::Make(a->sparse_index(), int64(), a->data(), {3, 5}));
  EXPECT_FALSE(a->Equals(*other_shape));
}

TEST(SparseCOOIndexTest, DetectsCanonicalOrder) {
  ASSERT_OK_AND_ASSIGN(auto sorted, SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {0, 1, 1, 0, 1, 2}, {3, 2})));
  EXPECT_TRUE(sorted->is_canonical());
  ASSERT_OK_AND_ASSIGN(auto unsorted, SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {1, 0, 0, 1}, {2, 2})));
  EXPECT_FALSE(unsorted->is_canonical());
  ASSERT_OK_AND_ASSIGN(auto duplicate, SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {1, 0, 1, 0}, {2, 2})));
  EXPECT_FALSE(duplicate->is_canonical());
  ASSERT_RAISES_WITH(Invalid, "marked canonical",
                     SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {1, 0, 0, 1}, {2, 2}), true));
  ASSERT_OK_AND_ASSIGN(auto declared, SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {0, 1, 1, 0}, {2, 2}), false));
  EXPECT_FALSE(declared->is_canonical());
}

TEST(SparseCOOIndexTest, RejectsBadCoords) {
  ASSERT_RAISES_WITH(TypeError, "must be int64", SparseCOOIndex::Make(TensorOf<int32_t>(int32(), {0, 1}, {1, 2})));
  ASSERT_RAISES_WITH(Invalid, "2 dimension(s)", SparseCOOIndex::Make(Int64Vector({0, 1})));
  ASSERT_RAISES_WITH(Invalid, "is null", SparseCOOIndex::Make(nullptr));
}

TEST(SparseTensorTest, MakeRejectsCoordsOutOfRange) {
  ASSERT_OK_AND_ASSIGN(auto index, SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {0, 1, 2, 3}, {2, 2})));
  auto values = BufferOf<int64_t>({7, 8});
  ASSERT_OK(SparseTensor::Make(index, int64(), values, {3, 4}).status());
  ASSERT_RAISES_WITH(Invalid, "coordinate 3 at row 1 is outside dimension 1",
                     SparseTensor::Make(index, int64(), values, {3, 3}));
  ASSERT_RAISES_WITH(Invalid, "2 columns for 3 dimensions", SparseTensor::Make(index, int64(), values, {3, 4, 1}));
  auto negative = SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {0, -1}, {1, 2})).ValueOrDie();
  ASSERT_RAISES_WITH(Invalid, "outside", SparseTensor::Make(negative, int64(), values, {3, 4}));
}

TEST(SparseTensorTest, MakeRejectsBadArguments) {
  ASSERT_OK_AND_ASSIGN(auto index, SparseCOOIndex::Make(TensorOf<int64_t>(int64(), {0, 1, 2, 3}, {2, 2})));
  auto values = BufferOf<int64_t>({7, 8});
  ASSERT_RAISES_WITH(Invalid, "too few for 2 values", SparseTensor::Make(index, int64(), BufferOf<int64_t>({7}), {3, 4}));
  ASSERT_RAISES_WITH(TypeError, "integers or floating point", SparseTensor::Make(index, utf8(), values, {3, 4}));
  ASSERT_RAISES_WITH(Invalid, "index is null", SparseTensor::Make(nullptr, int64(), values, {3, 4}));
  ASSERT_RAISES_WITH(Invalid, "buffer is null", SparseTensor::Make(index, int64(), nullptr, {3, 4}));
  ASSERT_RAISES_WITH(Invalid, "dimension 0 is negative", SparseTensor::Make(index, int64(), values, {-3, 4}));
  ASSERT_RAISES_WITH(Invalid, "1 dimension names", SparseTensor::Make(index, int64(), values, {3, 4}, {"x"}));
}

TEST(SparseCSXIndexTest, RejectsBadIndptr) {
  ASSERT_RAISES_WITH(Invalid, "must start at 0", SparseCSRIndex::Make(Int64Vector({1, 2}), Int64Vector({0, 1})));
  ASSERT_RAISES_WITH(Invalid, "decreases at position 2",
                     SparseCSRIndex::Make(Int64Vector({0, 2, 1, 2}), Int64Vector({0, 1})));
  ASSERT_RAISES_WITH(Invalid, "ends at 3, expected 2", SparseCSCIndex::Make(Int64Vector({0, 3}), Int64Vector({0, 1})));
  ASSERT_RAISES_WITH(TypeError, "int64", SparseCSRIndex::Make(Int64Vector({0}), TensorOf<int32_t>(int32(), {}, {0})));
  ASSERT_RAISES_WITH(Invalid, "1 dimension(s)",
                     SparseCSRIndex::Make(TensorOf<int64_t>(int64(), {0, 0}, {1, 2}), Int64Vector({})));
}

TEST(SparseCSXIndexTest, MakeChecksShape) {
  ASSERT_OK_AND_ASSIGN(auto csr, SparseCSRIndex::Make(Int64Vector({0, 1, 2}), Int64Vector({0, 3})));
  auto values = BufferOf<int32_t>({5, 6});
  ASSERT_OK(SparseTensor::Make(csr, int32(), values, {2, 4}).status());
  ASSERT_RAISES_WITH(Invalid, "indptr has 3 entries, expected 4", SparseTensor::Make(csr, int32(), values, {3, 4}));
  ASSERT_RAISES_WITH(Invalid, "holds 3 at position 1, outside [0, 3)", SparseTensor::Make(csr, int32(), values, {2, 3}));
  ASSERT_RAISES_WITH(Invalid, "needs a 2-D shape", SparseTensor::Make(csr, int32(), values, {2, 4, 1}));
  ASSERT_OK_AND_ASSIGN(auto csc, SparseCSCIndex::Make(Int64Vector({0, 1, 2}), Int64Vector({0, 3})));
  ASSERT_OK(SparseTensor::Make(csc, int32(), values, {4, 2}).status());
  ASSERT_RAISES_WITH(Invalid, "CSC indices holds 3", SparseTensor::Make(csc, int32(), values, {3, 2}));
}

TEST(SparseCSFIndexTest, RejectsBadStructure) {
  auto indptr = std::vector<TensorPtr>{Int64Vector({0, 1})};
  auto indices = std::vector<TensorPtr>{Int64Vector({0}), Int64Vector({1})};
  ASSERT_OK(SparseCSFIndex::Make(indptr, indices, {0, 1}).status());
  ASSERT_RAISES_WITH(Invalid, "at least one dimension", SparseCSFIndex::Make({}, {}, {}));
  ASSERT_RAISES_WITH(Invalid, "1 indptr tensors for 3 indices",
                     SparseCSFIndex::Make(indptr, {Int64Vector({0}), Int64Vector({1}), Int64Vector({1})}, {0, 1, 2}));
  ASSERT_RAISES_WITH(Invalid, "permutation", SparseCSFIndex::Make(indptr, indices, {1, 1}));
  ASSERT_RAISES_WITH(Invalid, "indptr[0] has 3 entries, expected 2",
                     SparseCSFIndex::Make({Int64Vector({0, 1, 1})}, indices, {0, 1}));
  ASSERT_RAISES_WITH(Invalid, "indptr[0] ends at 2, expected 1",
                     SparseCSFIndex::Make({Int64Vector({0, 2})}, indices, {0, 1}));
  ASSERT_RAISES_WITH(TypeError, "indices[1] must be int64",
                     SparseCSFIndex::Make(indptr, {Int64Vector({0}), TensorOf<int8_t>(int8(), {1}, {1})}, {0, 1}));
}

TEST(SparseCSFIndexTest, MakeChecksShape) {
  ASSERT_OK_AND_ASSIGN(auto index, SparseCSFIndex::Make({Int64Vector({0, 1})}, {Int64Vector({2}), Int64Vector({1})},
                                                        {1, 0}));
  auto values = BufferOf<double>({2.5});
  // Level 0 walks axis 1 (coordinate 2), level 1 axis 0 (coordinate 1).
  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::Make(index, float64(), values, {2, 3}));
  ASSERT_OK_AND_ASSIGN(auto dense, sparse->ToTensor());
  EXPECT_EQ(dense->Value<double>({1, 2}), 2.5);
  EXPECT_EQ(dense->Value<double>({0, 0}), 0.0);
  ASSERT_RAISES_WITH(Invalid, "CSF indices[0] holds 2", SparseTensor::Make(index, float64(), values, {2, 2}));
  ASSERT_RAISES_WITH(Invalid, "2 levels for 3 dimensions", SparseTensor::Make(index, float64(), values, {2, 3, 1}));
}

}  // namespace arrowpack
