# arrowpack_import_library(PREFIX HEADER LIBNAME): finds a plain C library installed by the system
# and defines the imported target PREFIX::PREFIX. Used by the Find modules beside this file.
include(FindPackageHandleStandardArgs)
macro(arrowpack_import_library prefix header libname)
  find_path(${prefix}_INCLUDE_DIR ${header})
  find_library(${prefix}_LIBRARY NAMES ${libname})
  find_package_handle_standard_args(${prefix} REQUIRED_VARS ${prefix}_LIBRARY ${prefix}_INCLUDE_DIR)
  if(${prefix}_FOUND AND NOT TARGET ${prefix}::${prefix})
    add_library(${prefix}::${prefix} UNKNOWN IMPORTED)
    set_target_properties(${prefix}::${prefix} PROPERTIES
      IMPORTED_LOCATION "${${prefix}_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${${prefix}_INCLUDE_DIR}")
  endif()
  mark_as_advanced(${prefix}_INCLUDE_DIR ${prefix}_LIBRARY)
endmacro()
