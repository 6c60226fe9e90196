// arrowpack.Tensor: an n-dimensional numeric view shared with numpy without copies.
#include <sstream>

#include "columnar.h"
#include "columnar_register.h"
#include "common.h"
#include "tensor_numpy.h"

namespace arrowpack::python {

namespace {

std::string TupleText(const std::vector<int64_t>& values) {
  std::ostringstream out;
  out << "(";
  for (size_t i = 0; i < values.size(); ++i) out << (i > 0 ? ", " : "") << values[i];
  out << (values.size() == 1 ? ",)" : ")");
  return out.str();
}

std::vector<std::string> Names(py::handle dim_names) {
  if (dim_names.is_none()) return {};
  return dim_names.cast<std::vector<std::string>>();
}

}  // namespace

void RegisterTensors(py::module_& m) {
  py::class_<Tensor, TensorPtr>(m, "Tensor", "An n-dimensional array of numbers (numpy's strided model).")
      .def_static(
          "from_numpy", [](py::handle obj, py::handle dim_names) { return TensorFromNumpy(obj, Names(dim_names)); },
          py::arg("obj"), py::arg("dim_names") = py::none(), "A zero-copy Tensor over an ndarray's memory.")
      .def(
          "to_numpy", [](py::handle self) { return TensorToNumpy(self.cast<const Tensor&>(), self); },
          "A read-only zero-copy ndarray view.")
      .def("__array__",
           [](py::handle self, py::object dtype, py::object) {
             py::object view = TensorToNumpy(self.cast<const Tensor&>(), self);
             return dtype.is_none() ? view : view.attr("astype")(dtype);
           },
           py::arg("dtype") = py::none(), py::arg("copy") = py::none())
      .def_property_readonly("type", [](const Tensor& t) { return WrapType(t.type()); })
      .def_property_readonly("shape", [](const Tensor& t) { return py::tuple(py::cast(t.shape())); })
      .def_property_readonly("strides", [](const Tensor& t) { return py::tuple(py::cast(t.strides())); })
      .def_property_readonly("dim_names", &Tensor::dim_names)
      .def(
          "dim_name",
          [](const Tensor& t, int i) {
            if (i < 0 || i >= t.ndim()) throw py::index_error("dimension index out of bounds");
            return t.dim_name(i);
          },
          py::arg("i"))
      .def_property_readonly("ndim", &Tensor::ndim)
      .def_property_readonly("size", &Tensor::size)
      .def_property_readonly("is_mutable", &Tensor::is_mutable)
      .def_property_readonly("is_contiguous", &Tensor::is_contiguous)
      .def_property_readonly("is_row_major", &Tensor::is_row_major)
      .def_property_readonly("is_column_major", &Tensor::is_column_major)
      .def("equals", [](const Tensor& self, const Tensor& other) { return self.Equals(other); }, py::arg("other"))
      .def("__eq__",
           [](const Tensor& self, py::handle other) {
             return py::isinstance<Tensor>(other) && self.Equals(other.cast<const Tensor&>());
           })
      .def("__repr__", [](const Tensor& t) {
        return "<arrowpack.Tensor>\ntype: " + t.type()->ToString() + "\nshape: " + TupleText(t.shape()) +
               "\nstrides: " + TupleText(t.strides());
      });
}

}  // namespace arrowpack::python
