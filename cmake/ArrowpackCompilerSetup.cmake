# Compiler launcher (ccache), warnings and sanitizers shared by every arrowpack target.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

set(ARROWPACK_WARNING_FLAGS -Wall -Wextra -Wno-unused-parameter)

if(ARROWPACK_SANITIZE)
  add_compile_options(-fsanitize=${ARROWPACK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${ARROWPACK_SANITIZE})
endif()
