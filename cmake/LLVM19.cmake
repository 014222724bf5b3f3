# LLVM/Clang 19 from Debian's packages.  Debian ships the shared libclang-cpp
# and libLLVM-19; we link those directly (the static component archives are
# not all packaged).  LLVM is built without RTTI, so analysis code is too.
find_program(LLVM_CONFIG_19 NAMES llvm-config-19 llvm-config
             HINTS /usr/lib/llvm-19/bin REQUIRED)
execute_process(COMMAND ${LLVM_CONFIG_19} --includedir
                OUTPUT_VARIABLE LLVM19_INCLUDE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG_19} --libdir
                OUTPUT_VARIABLE LLVM19_LIB_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG_19} --bindir
                OUTPUT_VARIABLE LLVM19_BIN_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG_19} --version
                OUTPUT_VARIABLE LLVM19_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT LLVM19_VERSION MATCHES "^19\\.")
  message(FATAL_ERROR "chcheck needs LLVM 19, found ${LLVM19_VERSION}")
endif()

# Clang's builtin headers (<stddef.h>, ...): a LibTooling program not
# installed next to clang's lib directory must be told where they are.
execute_process(COMMAND ${LLVM19_BIN_DIR}/clang -print-resource-dir
                OUTPUT_VARIABLE LLVM19_RESOURCE_DIR
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE resource_dir_status)
if(NOT resource_dir_status EQUAL 0 OR NOT IS_DIRECTORY "${LLVM19_RESOURCE_DIR}/include")
  string(REGEX MATCH "^[0-9]+" major "${LLVM19_VERSION}")
  set(LLVM19_RESOURCE_DIR ${LLVM19_LIB_DIR}/clang/${major})
endif()

# Compile flags shared by every target that includes Clang headers.
add_library(llvm19_headers INTERFACE)
target_include_directories(llvm19_headers SYSTEM INTERFACE ${LLVM19_INCLUDE_DIR})
target_compile_options(llvm19_headers INTERFACE -fno-rtti)
target_compile_definitions(llvm19_headers INTERFACE
  _GNU_SOURCE __STDC_CONSTANT_MACROS __STDC_FORMAT_MACROS __STDC_LIMIT_MACROS)

# What a LibTooling program links.
add_library(llvm19_tooling INTERFACE)
target_link_libraries(llvm19_tooling INTERFACE llvm19_headers
  ${LLVM19_LIB_DIR}/libclang-cpp.so ${LLVM19_LIB_DIR}/libLLVM-19.so)
set_property(TARGET llvm19_tooling APPEND PROPERTY INTERFACE_LINK_OPTIONS
  "LINKER:-rpath,${LLVM19_LIB_DIR}")
