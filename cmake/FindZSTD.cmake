# Finds libzstd: defines ZSTD::ZSTD.
include(${CMAKE_CURRENT_LIST_DIR}/ArrowpackImportLibrary.cmake)
arrowpack_import_library(ZSTD zstd.h zstd)
