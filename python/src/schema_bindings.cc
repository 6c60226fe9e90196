// arrowpack.Field and arrowpack.Schema (pyarrow's API), with pa.field() and pa.schema().
#include <functional>

#include "columnar_register.h"
#include "capsule.h"
#include "columnar.h"
#include "common.h"
#include "py_metadata.h"

namespace arrowpack::python {

namespace {

using FieldPtr = std::shared_ptr<Field>;
using SchemaPtr = std::shared_ptr<Schema>;

std::string FieldRepr(const Field& field) { return "arrowpack.Field<" + field.ToString() + ">"; }

FieldPtr MakeField(py::handle name, py::handle type, bool nullable, py::handle metadata) {
  if (type.is_none()) {
    // pa.field(obj) with an object exporting __arrow_c_schema__.
    if (HasArrowMethod(name, "__arrow_c_schema__")) return ImportFieldFrom(name);
    throw py::type_error("field() needs a name and a type, or one object with __arrow_c_schema__");
  }
  if (!PyUnicode_Check(name.ptr())) {
    throw py::type_error("field name must be str, got " + py::str(py::type::of(name).attr("__name__")).cast<std::string>());
  }
  return field(name.cast<std::string>(), TypeFromPython(type), nullable, MetadataFromPython(metadata));
}

bool FieldEqualsPython(const Field& self, py::handle other, bool check_metadata) {
  if (!py::isinstance<Field>(other)) return false;
  return self.Equals(other.cast<const Field&>(), check_metadata);
}

size_t HashField(const Field& field) {
  return std::hash<std::string>()(field.name()) ^ (py::hash(WrapType(field.type())) * 31) ^ field.nullable();
}

// Children of a struct field as "parent.child" fields, nullable if the parent is.
FieldVector FlattenField(const Field& field) {
  if (field.type()->id() != TypeId::STRUCT) return {std::make_shared<Field>(field)};
  FieldVector out;
  for (const auto& child : field.type()->fields()) {
    out.push_back(child->WithName(field.name() + "." + child->name())->WithNullable(field.nullable() || child->nullable()));
  }
  return out;
}

int CheckedIndex(const Schema& schema, int64_t i) {
  if (i < 0) i += schema.num_fields();
  if (i < 0 || i >= schema.num_fields()) throw py::index_error("index out of bounds");
  return static_cast<int>(i);
}

// Like pyarrow: a name must match exactly one field.
int IndexOfName(const Schema& schema, const std::string& name) {
  int found = -1;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (schema.field(i)->name() != name) continue;
    if (found >= 0) throw py::key_error("Field \"" + name + "\" exists 2 or more times in schema");
    found = i;
  }
  if (found < 0) throw py::key_error("Column " + name + " does not exist in schema");
  return found;
}

FieldPtr SchemaField(const Schema& schema, py::handle key) {
  if (PyUnicode_Check(key.ptr())) return schema.field(IndexOfName(schema, key.cast<std::string>()));
  return schema.field(CheckedIndex(schema, key.cast<int64_t>()));
}

SchemaPtr WithFields(const Schema& schema, FieldVector fields) {
  return arrowpack::schema(std::move(fields), schema.metadata());
}

SchemaPtr InsertField(const Schema& schema, int64_t i, py::handle field) {
  if (i < 0 || i > schema.num_fields()) throw py::index_error("index out of bounds");
  FieldVector fields = schema.fields();
  fields.insert(fields.begin() + i, FieldFromPython(field));
  return WithFields(schema, std::move(fields));
}

std::string SchemaToString(const Schema& schema, bool show_field_metadata, bool show_schema_metadata) {
  if (show_field_metadata == show_schema_metadata) return schema.ToString(show_field_metadata);
  // The C++ renderer shows both kinds or neither; drop the unwanted kind first.
  FieldVector fields = schema.fields();
  if (!show_field_metadata) {
    for (auto& field : fields) field = field->WithMetadata(nullptr);
  }
  return Schema(std::move(fields), show_schema_metadata ? schema.metadata() : nullptr).ToString(true);
}

void RegisterField(py::module_& m) {
  py::class_<Field, FieldPtr>(m, "Field", "A named, typed column description with nullability and metadata.")
      .def_property_readonly("name", &Field::name)
      .def_property_readonly("type", [](const Field& field) { return WrapType(field.type()); })
      .def_property_readonly("nullable", &Field::nullable)
      .def_property_readonly("metadata", [](const Field& field) { return MetadataToPython(field.metadata()); })
      .def("with_name", &Field::WithName, py::arg("name"))
      .def(
          "with_type", [](const Field& field, py::handle type) { return field.WithType(TypeFromPython(type)); },
          py::arg("new_type"))
      .def("with_nullable", &Field::WithNullable, py::arg("nullable"))
      .def(
          "with_metadata",
          [](const Field& field, py::handle metadata) { return field.WithMetadata(MetadataFromPython(metadata)); },
          py::arg("metadata"))
      .def("remove_metadata", [](const Field& field) { return field.WithMetadata(nullptr); })
      .def("equals", &FieldEqualsPython, py::arg("other"), py::arg("check_metadata") = false)
      .def("__eq__", [](const Field& self, py::handle other) { return FieldEqualsPython(self, other, false); })
      .def("__ne__", [](const Field& self, py::handle other) { return !FieldEqualsPython(self, other, false); })
      .def("__hash__", &HashField)
      .def("flatten", &FlattenField, "For a struct field, its children named 'parent.child'; else [self].")
      .def("__repr__", &FieldRepr)
      .def("__str__", &FieldRepr);

  m.def("field", &MakeField, py::arg("name"), py::arg("type") = py::none(), py::arg("nullable") = true,
        py::arg("metadata") = py::none(),
        "A Field; `type` is a DataType or an alias string. field(obj) imports an object's __arrow_c_schema__.");
}

void RegisterSchema(py::module_& m) {
  py::class_<Schema, SchemaPtr>(m, "Schema", "The fields of a record batch or table, plus metadata.")
      .def_property_readonly("names", &Schema::field_names)
      .def_property_readonly("types",
                             [](const Schema& schema) {
                               py::list types;
                               for (const auto& field : schema.fields()) types.append(WrapType(field->type()));
                               return types;
                             })
      .def_property_readonly("metadata", [](const Schema& schema) { return MetadataToPython(schema.metadata()); })
      .def_property_readonly("pandas_metadata",
                             [](const Schema& schema) -> py::object {
                               if (schema.metadata() == nullptr) return py::none();
                               auto value = schema.metadata()->Get("pandas");
                               if (!value) return py::none();
                               return py::module_::import("json").attr("loads")(py::bytes(*value));
                             })
      .def("field", &SchemaField, py::arg("i"), "Field by position or by (unique) name.")
      .def(
          "get_field_index",
          [](const Schema& schema, const std::string& name) {
            int found = -1;
            for (int i = 0; i < schema.num_fields(); ++i) {
              if (schema.field(i)->name() != name) continue;
              if (found >= 0) return -1;  // ambiguous, as in pyarrow
              found = i;
            }
            return found;
          },
          py::arg("name"), "Index of the only field named `name`; -1 when missing or duplicated.")
      .def(
          "get_all_field_indices",
          [](const Schema& schema, const std::string& name) {
            std::vector<int> indices;
            for (int i = 0; i < schema.num_fields(); ++i) {
              if (schema.field(i)->name() == name) indices.push_back(i);
            }
            return indices;
          },
          py::arg("name"))
      .def(
          "with_metadata",
          [](const Schema& schema, py::handle metadata) { return schema.WithMetadata(MetadataFromPython(metadata)); },
          py::arg("metadata"))
      .def("remove_metadata", [](const Schema& schema) { return schema.WithMetadata(nullptr); })
      .def(
          "equals",
          [](const Schema& self, const Schema& other, bool check_metadata) {
            return self.Equals(other, check_metadata);
          },
          py::arg("other"), py::arg("check_metadata") = false)
      .def("__eq__",
           [](const Schema& self, py::handle other) {
             return py::isinstance<Schema>(other) && self.Equals(other.cast<const Schema&>());
           })
      .def("__ne__",
           [](const Schema& self, py::handle other) {
             return !(py::isinstance<Schema>(other) && self.Equals(other.cast<const Schema&>()));
           })
      .def("__hash__",
           [](const Schema& schema) {
             size_t hash = static_cast<size_t>(schema.num_fields());
             for (const auto& field : schema.fields()) hash = hash * 1000003 ^ HashField(*field);
             return hash;
           })
      .def("__len__", &Schema::num_fields)
      .def("__getitem__", &SchemaField)
      .def("__iter__", [](const Schema& schema) { return py::iter(py::cast(schema.fields())); })
      .def(
          "append",
          [](const Schema& schema, py::handle field) { return InsertField(schema, schema.num_fields(), field); },
          py::arg("field"), "A new schema with `field` added at the end.")
      .def("insert", &InsertField, py::arg("i"), py::arg("field"), "A new schema with `field` inserted at `i`.")
      .def(
          "remove",
          [](const Schema& schema, int64_t i) {
            FieldVector fields = schema.fields();
            fields.erase(fields.begin() + CheckedIndex(schema, i));
            return WithFields(schema, std::move(fields));
          },
          py::arg("i"), "A new schema without field `i`.")
      .def(
          "set",
          [](const Schema& schema, int64_t i, py::handle field) {
            FieldVector fields = schema.fields();
            fields[CheckedIndex(schema, i)] = FieldFromPython(field);
            return WithFields(schema, std::move(fields));
          },
          py::arg("i"), py::arg("field"), "A new schema with field `i` replaced.")
      .def(
          "to_string",
          [](const Schema& schema, bool show_field_metadata, bool show_schema_metadata) {
            return SchemaToString(schema, show_field_metadata, show_schema_metadata);
          },
          py::kw_only(), py::arg("show_field_metadata") = true, py::arg("show_schema_metadata") = true)
      .def("__str__", [](const Schema& schema) { return schema.ToString(); })
      .def("__repr__", [](const Schema& schema) { return schema.ToString(); });

  m.def(
      "schema",
      [](py::handle fields, py::handle metadata) {
        SchemaPtr schema = SchemaFromPython(fields);
        if (!metadata.is_none()) schema = schema->WithMetadata(MetadataFromPython(metadata));
        return schema;
      },
      py::arg("fields"), py::arg("metadata") = py::none(),
      "A Schema from Fields, (name, type) tuples, a mapping of name to type, or an object with "
      "__arrow_c_schema__.");
}

}  // namespace

void RegisterFieldsAndSchemas(py::module_& m) {
  RegisterField(m);
  RegisterSchema(m);
}

}  // namespace arrowpack::python
