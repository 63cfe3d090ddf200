# BearSSL for the wasm build, compiled in two batched emcc calls instead of one per file.
# Every emcc call starts Python (~0.5 s), so 277 calls cost ~2 minutes on 2 cores where two
# batches of ~140 files, run in parallel, take ~20 s (TOOLCHAIN.md; measured again here:
# 116 s per file vs 44 s in one batch on a loaded machine). The native build is untouched.
#
# The `bearssl` target (cmake/bearssl.cmake) keeps its name and its include folders; only its
# sources are swapped for the objects the batches produce.
get_target_property(bearssl_sources bearssl SOURCES)
list(LENGTH bearssl_sources bearssl_count)
math(EXPR bearssl_half "(${bearssl_count} + 1) / 2")
set(bearssl_objects)
set(batch_outputs)
foreach(batch 0 1)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/bearssl-batch${batch}")
  file(MAKE_DIRECTORY "${dir}")
  math(EXPR first "${batch} * ${bearssl_half}")
  list(SUBLIST bearssl_sources ${first} ${bearssl_half} files)
  set(objects)
  foreach(f IN LISTS files)
    get_filename_component(stem "${f}" NAME_WE)
    list(APPEND objects "${dir}/${stem}.o")
  endforeach()
  add_custom_command(OUTPUT ${objects}
    COMMAND ${CMAKE_C_COMPILER} -c -O2 -w "-I${TLSSCOPE_BEARSSL_DIR}/inc"
            "-I${TLSSCOPE_BEARSSL_DIR}/src" ${files}
    WORKING_DIRECTORY "${dir}"
    DEPENDS ${files}
    COMMENT "Compiling BearSSL batch ${batch} (${bearssl_half} files, one emcc call)"
    VERBATIM)
  list(APPEND bearssl_objects ${objects})
endforeach()
add_custom_target(bearssl_batched DEPENDS ${bearssl_objects})
set_source_files_properties(${bearssl_objects} TARGET_DIRECTORY bearssl
  PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
set_property(TARGET bearssl PROPERTY SOURCES ${bearssl_objects})
set_property(TARGET bearssl PROPERTY LINKER_LANGUAGE C)
add_dependencies(bearssl bearssl_batched)
