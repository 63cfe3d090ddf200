# nlohmann/json, header-only, from Debian's nlohmann-json3-dev.
# Emscripten must never see /usr/include (glibc headers break the wasm build), so expose
# only the nlohmann folder through a link in the build tree.
set(TLSSCOPE_JSON_INCLUDE "${CMAKE_BINARY_DIR}/_json_include")
if(NOT EXISTS "${TLSSCOPE_JSON_INCLUDE}/nlohmann/json.hpp")
  if(NOT EXISTS /usr/include/nlohmann/json.hpp)
    message(FATAL_ERROR "nlohmann/json not found: run scripts/setup first")
  endif()
  file(MAKE_DIRECTORY "${TLSSCOPE_JSON_INCLUDE}")
  file(CREATE_LINK /usr/include/nlohmann "${TLSSCOPE_JSON_INCLUDE}/nlohmann" SYMBOLIC)
endif()
add_library(tlsscope_json INTERFACE)
target_include_directories(tlsscope_json SYSTEM INTERFACE "${TLSSCOPE_JSON_INCLUDE}")
