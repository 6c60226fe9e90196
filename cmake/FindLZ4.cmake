# Finds liblz4 (frame API): defines LZ4::LZ4.
include(${CMAKE_CURRENT_LIST_DIR}/ArrowpackImportLibrary.cmake)
arrowpack_import_library(LZ4 lz4frame.h lz4)
