# ML-KEM-768 (FIPS 203) from PQClean's `clean` implementation, plus its SHAKE (common/fips202.c),
# compiled from the npm registry's pqclean package (scripts/setup unpacks it into build/_deps;
# never committed). Toolchain-neutral like BearSSL: the same target is built natively and with
# Emscripten. Only the deterministic entry points (*_derand) are called: the engine hands them
# its caller's randomness (crypto/mlkem.cpp), so PQClean's own randombytes.c, which reads the
# operating system's generator, is not compiled in.
set(TLSSCOPE_PQCLEAN_DIR "${CMAKE_SOURCE_DIR}/build/_deps/pqclean" CACHE PATH
    "PQClean's crypto_kem/ml-kem-768 and common folders (npm pqclean; scripts/setup fetches them)")
set(pqclean_mlkem "${TLSSCOPE_PQCLEAN_DIR}/crypto_kem/ml-kem-768/clean")
if(NOT EXISTS "${pqclean_mlkem}/kem.c")
  message(FATAL_ERROR "PQClean source not found in ${TLSSCOPE_PQCLEAN_DIR}: run scripts/setup first")
endif()
file(GLOB pqclean_mlkem_sources CONFIGURE_DEPENDS "${pqclean_mlkem}/*.c")
add_library(pqclean_mlkem768 STATIC ${pqclean_mlkem_sources} "${TLSSCOPE_PQCLEAN_DIR}/common/fips202.c")
# api.h is the public header; the rest of the folder and common/ are PQClean's internals.
target_include_directories(pqclean_mlkem768 SYSTEM PUBLIC "${pqclean_mlkem}")
target_include_directories(pqclean_mlkem768 PRIVATE "${TLSSCOPE_PQCLEAN_DIR}/common")
set_target_properties(pqclean_mlkem768 PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_compile_options(pqclean_mlkem768 PRIVATE -O2 -w)
