// SparseCOOTensor, SparseCSRMatrix, SparseCSCMatrix and SparseCSFTensor: construction from dense
// numpy arrays, from index/value arrays, from scipy.sparse, and conversion back. Values and
// indices given as numpy arrays are shared when they already are contiguous (int64 indices).
#include <pybind11/numpy.h>

#include <sstream>

#include "columnar.h"
#include "columnar_register.h"
#include "common.h"
#include "py_buffer.h"
#include "tensor_numpy.h"

namespace arrowpack::python {

namespace {

struct SparseCOOTensorBox : SparseTensorBox {};
struct SparseCSRMatrixBox : SparseTensorBox {};
struct SparseCSCMatrixBox : SparseTensorBox {};
struct SparseCSFTensorBox : SparseTensorBox {};

std::vector<std::string> Names(py::handle dim_names) {
  if (dim_names.is_none()) return {};
  return dim_names.cast<std::vector<std::string>>();
}

py::module_ Numpy() { return py::module_::import("numpy"); }

// An int64 index tensor over `values` (copied only when not already contiguous int64).
TensorPtr IndexTensor(py::handle values) {
  return TensorFromNumpy(Numpy().attr("ascontiguousarray")(values, py::arg("dtype") = "int64"));
}

// The non-zero values as one contiguous 1-D run.
std::pair<TypePtr, std::shared_ptr<Buffer>> ValuesFromNumpy(py::handle data) {
  py::object flat = Numpy().attr("ascontiguousarray")(data).attr("reshape")(-1);
  return {TensorTypeOfDtype(flat.attr("dtype")), BufferFromPyObject(flat)};
}

std::vector<int64_t> ShapeFrom(py::handle shape) { return shape.cast<std::vector<int64_t>>(); }

// The values as a (non_zero_length, 1) read-only ndarray, as pyarrow returns them.
py::object ValuesToNumpy(const SparseTensor& tensor, py::handle base) {
  std::vector<int64_t> shape = {tensor.non_zero_length(), 1};
  TensorPtr values = ValueOrThrow(Tensor::Make(tensor.type(), tensor.data(), shape));
  return TensorToNumpy(*values, base);
}

SparseTensorPtr FromDense(py::handle obj, py::handle dim_names, SparseTensorFormat format) {
  TensorPtr dense = TensorFromNumpy(obj, Names(dim_names));
  return ValueOrThrow(SparseTensor::FromTensor(*dense, format));
}

SparseTensorPtr Make(std::shared_ptr<SparseIndex> index, py::handle data, py::handle shape, py::handle dim_names) {
  auto [type, buffer] = ValuesFromNumpy(data);
  return ValueOrThrow(SparseTensor::Make(std::move(index), std::move(type), std::move(buffer), ShapeFrom(shape),
                                         Names(dim_names)));
}

const SparseCOOIndex& CooIndex(const SparseTensorBox& box) {
  return static_cast<const SparseCOOIndex&>(*box.tensor->sparse_index());
}
const SparseCSXIndex& CsxIndex(const SparseTensorBox& box) {
  return static_cast<const SparseCSXIndex&>(*box.tensor->sparse_index());
}
const SparseCSFIndex& CsfIndex(const SparseTensorBox& box) {
  return static_cast<const SparseCSFIndex&>(*box.tensor->sparse_index());
}

py::object IndexToNumpy(const TensorPtr& index) { return TensorToNumpy(*index, py::cast(index)); }

py::object CsxToScipy(py::handle self, const char* kind) {
  const auto& box = self.cast<const SparseTensorBox&>();
  if (box.tensor->ndim() != 2) throw py::value_error("scipy sparse arrays are 2-D");
  const SparseCSXIndex& index = CsxIndex(box);
  py::object values = ValuesToNumpy(*box.tensor, self).attr("ravel")();
  py::module_ sparse = py::module_::import("scipy.sparse");
  return sparse.attr(kind)(py::make_tuple(values, IndexToNumpy(index.indices()), IndexToNumpy(index.indptr())),
                           py::arg("shape") = py::tuple(py::cast(box.tensor->shape())));
}

// from_scipy takes scipy sparse arrays and matrices of the tensor's own format only, as pyarrow.
void CheckScipyFormat(py::handle obj, const std::string& format) {
  const bool sparse = py::module_::import("scipy.sparse").attr("issparse")(obj).cast<bool>();
  if (!sparse || py::str(obj.attr("format")).cast<std::string>() != format) {
    throw py::type_error("Expected scipy.sparse." + format + "_array or scipy.sparse." + format + "_matrix, got " +
                         py::str(py::type::of(obj)).cast<std::string>());
  }
}

SparseTensorPtr CsxFromScipy(py::handle obj, py::handle dim_names, bool csr) {
  CheckScipyFormat(obj, csr ? "csr" : "csc");
  py::object converted = obj.attr(csr ? "tocsr" : "tocsc")();
  auto index = csr ? std::shared_ptr<SparseIndex>(ValueOrThrow(
                         SparseCSRIndex::Make(IndexTensor(converted.attr("indptr")), IndexTensor(converted.attr("indices")))))
                   : std::shared_ptr<SparseIndex>(ValueOrThrow(SparseCSCIndex::Make(
                         IndexTensor(converted.attr("indptr")), IndexTensor(converted.attr("indices")))));
  return Make(std::move(index), converted.attr("data"), converted.attr("shape"), dim_names);
}

std::string TupleText(const std::vector<int64_t>& values) {
  std::ostringstream out;
  out << "(";
  for (size_t i = 0; i < values.size(); ++i) out << (i > 0 ? ", " : "") << values[i];
  out << (values.size() == 1 ? ",)" : ")");
  return out.str();
}

template <typename Box>
py::object Boxed(SparseTensorPtr tensor) {
  Box box;
  box.tensor = std::move(tensor);
  return py::cast(std::move(box));
}

void RegisterBase(py::module_& m) {
  py::class_<SparseTensorBox>(m, "SparseTensor", "Base of the sparse tensor classes.")
      .def_property_readonly("type", [](const SparseTensorBox& b) { return WrapType(b.tensor->type()); })
      .def_property_readonly("shape", [](const SparseTensorBox& b) { return py::tuple(py::cast(b.tensor->shape())); })
      .def_property_readonly("ndim", [](const SparseTensorBox& b) { return b.tensor->ndim(); })
      .def_property_readonly("size", [](const SparseTensorBox& b) { return b.tensor->size(); })
      .def_property_readonly("non_zero_length", [](const SparseTensorBox& b) { return b.tensor->non_zero_length(); })
      .def_property_readonly("dim_names", [](const SparseTensorBox& b) { return b.tensor->dim_names(); })
      .def(
          "dim_name",
          [](const SparseTensorBox& b, int i) {
            if (i < 0 || i >= b.tensor->ndim()) throw py::index_error("dimension index out of bounds");
            return b.tensor->dim_names().empty() ? std::string() : b.tensor->dim_names()[i];
          },
          py::arg("i"))
      .def_property_readonly("is_mutable", [](const SparseTensorBox& b) { return b.tensor->data()->is_mutable(); })
      .def(
          "equals", [](const SparseTensorBox& a, const SparseTensorBox& b) { return a.tensor->Equals(*b.tensor); },
          py::arg("other"))
      .def("__eq__",
           [](const SparseTensorBox& a, py::handle b) {
             return py::isinstance<SparseTensorBox>(b) && a.tensor->Equals(*b.cast<const SparseTensorBox&>().tensor);
           })
      .def(
          "to_tensor", [](const SparseTensorBox& b) { return ValueOrThrow(b.tensor->ToTensor()); },
          "The dense Tensor (zeros where no value is stored).")
      .def("__repr__", [](py::handle self) {
        const auto& b = self.cast<const SparseTensorBox&>();
        return "<arrowpack." + py::str(py::type::of(self).attr("__name__")).cast<std::string>() +
               ">\ntype: " + b.tensor->type()->ToString() + "\nshape: " + TupleText(b.tensor->shape());
      });
}

void RegisterCoo(py::module_& m) {
  py::class_<SparseCOOTensorBox, SparseTensorBox>(m, "SparseCOOTensor", "Coordinates of the non-zero values.")
      .def_static(
          "from_dense_numpy",
          [](py::handle obj, py::handle names) { return WrapSparseTensor(FromDense(obj, names, SparseTensorFormat::COO)); },
          py::arg("obj"), py::arg("dim_names") = py::none())
      .def_static(
          "from_numpy",
          [](py::handle data, py::handle coords, py::handle shape, py::handle names) {
            auto index = ValueOrThrow(SparseCOOIndex::Make(IndexTensor(coords)));
            return WrapSparseTensor(Make(std::move(index), data, shape, names));
          },
          py::arg("data"), py::arg("coords"), py::arg("shape"), py::arg("dim_names") = py::none())
      .def_static(
          "from_tensor",
          [](const Tensor& tensor) {
            return WrapSparseTensor(ValueOrThrow(SparseTensor::FromTensor(tensor, SparseTensorFormat::COO)));
          },
          py::arg("obj"))
      .def_static(
          "from_scipy",
          [](py::handle obj, py::handle names) {
            CheckScipyFormat(obj, "coo");
            py::object coo = obj.attr("tocoo")();
            py::object coords = Numpy().attr("stack")(py::make_tuple(coo.attr("row"), coo.attr("col")), py::arg("axis") = 1);
            auto index = ValueOrThrow(SparseCOOIndex::Make(IndexTensor(coords)));
            return WrapSparseTensor(Make(std::move(index), coo.attr("data"), coo.attr("shape"), names));
          },
          py::arg("obj"), py::arg("dim_names") = py::none())
      .def("to_numpy",
           [](py::handle self) {
             const auto& box = self.cast<const SparseTensorBox&>();
             return py::make_tuple(ValuesToNumpy(*box.tensor, self), IndexToNumpy(CooIndex(box).indices()));
           },
           "(values of shape (non_zero_length, 1), coordinates of shape (non_zero_length, ndim)).")
      .def("to_scipy",
           [](py::handle self) {
             const auto& box = self.cast<const SparseTensorBox&>();
             if (box.tensor->ndim() != 2) throw py::value_error("scipy sparse arrays are 2-D");
             py::object coords = IndexToNumpy(CooIndex(box).indices());
             py::object values = ValuesToNumpy(*box.tensor, self).attr("ravel")();
             py::object rows = coords[py::make_tuple(py::slice(py::none(), py::none(), py::none()), 0)];
             py::object cols = coords[py::make_tuple(py::slice(py::none(), py::none(), py::none()), 1)];
             return py::module_::import("scipy.sparse")
                 .attr("coo_array")(py::make_tuple(values, py::make_tuple(rows, cols)),
                                    py::arg("shape") = py::tuple(py::cast(box.tensor->shape())));
           })
      .def_property_readonly("has_canonical_format",
                             [](const SparseTensorBox& b) { return CooIndex(b).is_canonical(); });
}

template <typename Box>
void RegisterCsx(py::module_& m, const char* name, bool csr) {
  const SparseTensorFormat format = csr ? SparseTensorFormat::CSR : SparseTensorFormat::CSC;
  py::class_<Box, SparseTensorBox>(m, name, csr ? "Compressed sparse rows of a matrix." : "Compressed sparse columns.")
      .def_static(
          "from_dense_numpy",
          [format](py::handle obj, py::handle names) { return WrapSparseTensor(FromDense(obj, names, format)); },
          py::arg("obj"), py::arg("dim_names") = py::none())
      .def_static(
          "from_numpy",
          [csr](py::handle data, py::handle indptr, py::handle indices, py::handle shape, py::handle names) {
            std::shared_ptr<SparseIndex> index;
            if (csr) {
              index = ValueOrThrow(SparseCSRIndex::Make(IndexTensor(indptr), IndexTensor(indices)));
            } else {
              index = ValueOrThrow(SparseCSCIndex::Make(IndexTensor(indptr), IndexTensor(indices)));
            }
            return WrapSparseTensor(Make(std::move(index), data, shape, names));
          },
          py::arg("data"), py::arg("indptr"), py::arg("indices"), py::arg("shape"), py::arg("dim_names") = py::none())
      .def_static(
          "from_tensor",
          [format](const Tensor& tensor) { return WrapSparseTensor(ValueOrThrow(SparseTensor::FromTensor(tensor, format))); },
          py::arg("obj"))
      .def_static(
          "from_scipy",
          [csr](py::handle obj, py::handle names) { return WrapSparseTensor(CsxFromScipy(obj, names, csr)); },
          py::arg("obj"), py::arg("dim_names") = py::none())
      .def("to_numpy",
           [](py::handle self) {
             const auto& box = self.cast<const SparseTensorBox&>();
             const SparseCSXIndex& index = CsxIndex(box);
             return py::make_tuple(ValuesToNumpy(*box.tensor, self), IndexToNumpy(index.indptr()),
                                   IndexToNumpy(index.indices()));
           },
           "(values of shape (non_zero_length, 1), indptr, indices).")
      .def("to_scipy", [csr](py::handle self) { return CsxToScipy(self, csr ? "csr_array" : "csc_array"); });
}

void RegisterCsf(py::module_& m) {
  py::class_<SparseCSFTensorBox, SparseTensorBox>(m, "SparseCSFTensor", "Compressed sparse fibers of a tensor.")
      .def_static(
          "from_dense_numpy",
          [](py::handle obj, py::handle names) { return WrapSparseTensor(FromDense(obj, names, SparseTensorFormat::CSF)); },
          py::arg("obj"), py::arg("dim_names") = py::none())
      .def_static(
          "from_numpy",
          [](py::handle data, py::handle indptr, py::handle indices, py::handle shape, py::handle axis_order,
             py::handle names) {
            std::vector<TensorPtr> pointers, coordinates;
            for (py::handle item : indptr) pointers.push_back(IndexTensor(item));
            for (py::handle item : indices) coordinates.push_back(IndexTensor(item));
            std::vector<int64_t> order;
            if (axis_order.is_none()) {
              for (size_t i = 0; i < coordinates.size(); ++i) order.push_back(static_cast<int64_t>(i));
            } else {
              order = axis_order.cast<std::vector<int64_t>>();
            }
            auto index = ValueOrThrow(SparseCSFIndex::Make(std::move(pointers), std::move(coordinates), std::move(order)));
            return WrapSparseTensor(Make(std::move(index), data, shape, names));
          },
          py::arg("data"), py::arg("indptr"), py::arg("indices"), py::arg("shape"), py::arg("axis_order") = py::none(),
          py::arg("dim_names") = py::none())
      .def_static(
          "from_tensor",
          [](const Tensor& tensor) {
            return WrapSparseTensor(ValueOrThrow(SparseTensor::FromTensor(tensor, SparseTensorFormat::CSF)));
          },
          py::arg("obj"))
      .def("to_numpy", [](py::handle self) {
        const auto& box = self.cast<const SparseTensorBox&>();
        const SparseCSFIndex& index = CsfIndex(box);
        py::list indptr, indices;
        for (const auto& tensor : index.indptr()) indptr.append(IndexToNumpy(tensor));
        for (const auto& tensor : index.indices()) indices.append(IndexToNumpy(tensor));
        return py::make_tuple(ValuesToNumpy(*box.tensor, self), indptr, indices);
      });
}

}  // namespace

py::object WrapSparseTensor(SparseTensorPtr tensor) {
  switch (tensor->format_id()) {
    case SparseTensorFormat::COO: return Boxed<SparseCOOTensorBox>(std::move(tensor));
    case SparseTensorFormat::CSR: return Boxed<SparseCSRMatrixBox>(std::move(tensor));
    case SparseTensorFormat::CSC: return Boxed<SparseCSCMatrixBox>(std::move(tensor));
    case SparseTensorFormat::CSF: return Boxed<SparseCSFTensorBox>(std::move(tensor));
  }
  return py::none();
}

void RegisterSparseTensors(py::module_& m) {
  RegisterBase(m);
  RegisterCoo(m);
  RegisterCsx<SparseCSRMatrixBox>(m, "SparseCSRMatrix", true);
  RegisterCsx<SparseCSCMatrixBox>(m, "SparseCSCMatrix", false);
  RegisterCsf(m);
}

}  // namespace arrowpack::python
