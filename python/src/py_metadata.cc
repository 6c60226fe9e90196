#include "py_metadata.h"

#include <string>
#include <utility>
#include <vector>

namespace arrowpack::python {

namespace py = pybind11;

namespace {

std::string BytesOrStr(py::handle obj, const char* what) {
  if (PyBytes_Check(obj.ptr())) return obj.cast<std::string>();
  if (PyUnicode_Check(obj.ptr())) return obj.cast<std::string>();
  throw py::type_error(std::string("metadata ") + what + " must be str or bytes, got " +
                       py::str(py::type::of(obj).attr("__name__")).cast<std::string>());
}

}  // namespace

MetadataPtr MetadataFromPython(py::handle obj) {
  if (obj.is_none()) return nullptr;
  if (!PyMapping_Check(obj.ptr()) || !py::hasattr(obj, "items")) {
    throw py::type_error("metadata must be a mapping of str/bytes to str/bytes");
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  for (py::handle item : obj.attr("items")()) {
    auto pair = item.cast<py::tuple>();
    pairs.emplace_back(BytesOrStr(pair[0], "keys"), BytesOrStr(pair[1], "values"));
  }
  return std::make_shared<KeyValueMetadata>(std::move(pairs));
}

py::object MetadataToPython(const MetadataPtr& metadata) {
  if (metadata == nullptr) return py::none();
  py::dict out;
  for (int64_t i = 0; i < metadata->size(); ++i) out[py::bytes(metadata->key(i))] = py::bytes(metadata->value(i));
  return out;
}

}  // namespace arrowpack::python
