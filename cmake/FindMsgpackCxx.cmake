# Finds the header-only msgpack-c C++ library (Debian: libmsgpack-cxx-dev) and defines the
# interface target MsgpackCxx::MsgpackCxx, which builds it without Boost (MSGPACK_NO_BOOST). The
# package's own CMake config is not used because it requires Boost.
include(FindPackageHandleStandardArgs)
find_path(MsgpackCxx_INCLUDE_DIR msgpack.hpp)
find_package_handle_standard_args(MsgpackCxx REQUIRED_VARS MsgpackCxx_INCLUDE_DIR)
if(MsgpackCxx_FOUND AND NOT TARGET MsgpackCxx::MsgpackCxx)
  add_library(MsgpackCxx::MsgpackCxx INTERFACE IMPORTED)
  set_target_properties(MsgpackCxx::MsgpackCxx PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${MsgpackCxx_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS "MSGPACK_NO_BOOST")
endif()
mark_as_advanced(MsgpackCxx_INCLUDE_DIR)
