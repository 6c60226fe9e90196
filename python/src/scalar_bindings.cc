// arrowpack.Scalar: one value of an array (what Array.__getitem__ returns). A light stand-in for
// pyarrow's typed scalar classes: as_py(), is_valid, type, equality; repr names pyarrow's class.
#include "arrow_to_python.h"
#include "columnar_register.h"
#include "columnar.h"
#include "common.h"

namespace arrowpack::python {

namespace {

struct ScalarBox {
  ArrayPtr array;  // the source array; the value is row `index`
  int64_t index;
};

// "Int64Array" -> "Int64Scalar", following the array class of the same type.
std::string ScalarClassName(const ScalarBox& box) {
  std::string name = py::str(py::type::of(WrapArray(box.array->Slice(0, 0))).attr("__name__")).cast<std::string>();
  if (name.size() > 5 && name.compare(name.size() - 5, 5, "Array") == 0) name.resize(name.size() - 5);
  return name + "Scalar";
}

bool ScalarEquals(const ScalarBox& self, py::handle other) {
  if (!py::isinstance<ScalarBox>(other)) return false;
  const auto& that = other.cast<const ScalarBox&>();
  return self.array->Slice(self.index, 1)->Equals(*that.array->Slice(that.index, 1));
}

}  // namespace

py::object WrapScalar(ArrayPtr array, int64_t i) { return py::cast(ScalarBox{std::move(array), i}); }

void RegisterScalars(py::module_& m) {
  py::class_<ScalarBox>(m, "Scalar", "One value of an Arrow array; as_py() converts it to a Python object.")
      .def("as_py", [](const ScalarBox& box) { return ValueToPython(box.array, box.index); })
      .def_property_readonly("is_valid", [](const ScalarBox& box) { return box.array->IsValid(box.index); })
      .def_property_readonly("type", [](const ScalarBox& box) { return WrapType(box.array->type()); })
      .def("equals", &ScalarEquals, py::arg("other"))
      .def("__eq__", &ScalarEquals)
      .def("__ne__", [](const ScalarBox& self, py::handle other) { return !ScalarEquals(self, other); })
      .def("__hash__", [](const ScalarBox& box) { return py::hash(ValueToPython(box.array, box.index)); })
      .def("__str__", [](const ScalarBox& box) { return py::str(ValueToPython(box.array, box.index)); })
      .def("__repr__", [](const ScalarBox& box) {
        return "<arrowpack." + ScalarClassName(box) + ": " +
               py::repr(ValueToPython(box.array, box.index)).cast<std::string>() + ">";
      });
}

}  // namespace arrowpack::python
