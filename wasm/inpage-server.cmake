# The in-browser server (inpage_server.cpp): BearSSL's TLS server engine as a wasm module of
# its own, tlsscope-inpage-server.{js,wasm}, copied into the site beside the engine. Separate so
# that the engine's module, which every visitor downloads, does not grow: web/inpage-server.js
# loads it only when the page runs without a relay. Included from wasm/CMakeLists.txt (needs
# tlsscope_es_module, tlsscope_site_minified and `site`).
add_executable(tlsscope_inpage_server inpage_server.cpp cert_builder.cpp der_writer.cpp)
set_target_properties(tlsscope_inpage_server PROPERTIES
  OUTPUT_NAME tlsscope-inpage-server SUFFIX ".js")
target_link_libraries(tlsscope_inpage_server PRIVATE bearssl)
tlsscope_es_module(tlsscope_inpage_server createInPageServerModule)
# Plain C exports (EMSCRIPTEN_KEEPALIVE) instead of Embind; JavaScript copies bytes through
# malloc'd buffers in HEAPU8.
target_link_options(tlsscope_inpage_server PRIVATE -sEXPORTED_FUNCTIONS=_malloc,_free)

add_custom_command(OUTPUT "${site}/tlsscope-inpage-server.wasm"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${site}"
  COMMAND ${CMAKE_COMMAND} -E copy
          $<TARGET_FILE_DIR:tlsscope_inpage_server>/tlsscope-inpage-server.wasm "${site}/"
  DEPENDS tlsscope_inpage_server VERBATIM)
tlsscope_site_minified("${site}/tlsscope-inpage-server.js"
  "$<TARGET_FILE:tlsscope_inpage_server>" tlsscope_inpage_server)
add_custom_target(site_inpage_server ALL
  DEPENDS "${site}/tlsscope-inpage-server.js" "${site}/tlsscope-inpage-server.wasm")
