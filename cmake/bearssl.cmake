# BearSSL, compiled from Debian's source package (fetched by scripts/setup into build/_deps).
# Toolchain-neutral: the same target is built natively and with Emscripten.
set(TLSSCOPE_BEARSSL_DIR "${CMAKE_SOURCE_DIR}/build/_deps/bearssl" CACHE PATH
    "BearSSL source tree (from 'apt-get source bearssl'; scripts/setup fetches it)")
if(NOT EXISTS "${TLSSCOPE_BEARSSL_DIR}/inc/bearssl.h")
  message(FATAL_ERROR "BearSSL source not found in ${TLSSCOPE_BEARSSL_DIR}: run scripts/setup first")
endif()
file(GLOB_RECURSE BEARSSL_SOURCES CONFIGURE_DEPENDS "${TLSSCOPE_BEARSSL_DIR}/src/*.c")
add_library(bearssl STATIC ${BEARSSL_SOURCES})
target_include_directories(bearssl SYSTEM PUBLIC "${TLSSCOPE_BEARSSL_DIR}/inc")
target_include_directories(bearssl PRIVATE "${TLSSCOPE_BEARSSL_DIR}/src")
set_target_properties(bearssl PROPERTIES POSITION_INDEPENDENT_CODE ON)
if(NOT CMAKE_C_COMPILER_ID STREQUAL "MSVC")
  target_compile_options(bearssl PRIVATE -O2 -w)
endif()
if(TLSSCOPE_SANITIZE)
  # BearSSL reads and writes unaligned words on purpose where the CPU allows it
  # (BR_LE_UNALIGNED in src/inner.h); everything else in it stays checked.
  target_compile_options(bearssl PRIVATE -fno-sanitize=alignment)
endif()
