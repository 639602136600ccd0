# The report documents (src/report): every JSON output validates against schema/report/ and carries
# the common header (tests/report_schema_test.py); every error code and diagnostic id is registered
# in src/base/codes.h and documented in docs/diagnostics.md (tests/codes_test.py).
add_test(NAME report_schemas
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report_schema_test.py $<TARGET_FILE:cairn>)
set_tests_properties(report_schemas PROPERTIES LABELS scenario)
add_test(NAME codes_registry
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/codes_test.py ${PROJECT_SOURCE_DIR})
set_tests_properties(codes_registry PROPERTIES LABELS unit)
