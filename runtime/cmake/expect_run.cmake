# Runs PROGRAM and checks its exit status (EXPECT_STATUS) and that its
# combined output matches every regular expression in EXPECT_PATTERNS.
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
  TIMEOUT 50)
set(all "${out}${err}")
message("${all}")
if(NOT "${status}" STREQUAL "${EXPECT_STATUS}")
  message(FATAL_ERROR "expected exit status ${EXPECT_STATUS}, got ${status}")
endif()
foreach(pattern IN LISTS EXPECT_PATTERNS)
  if(NOT all MATCHES "${pattern}")
    message(FATAL_ERROR "output does not match: ${pattern}")
  endif()
endforeach()
