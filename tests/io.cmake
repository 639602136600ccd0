# io (src/io): every command reads every format io::read_any tells apart, a wrong or missing format
# is a clear exit-2 error, and exports carry the schedule's dates (tests/read_any_test.py).
add_test(NAME read_any
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/read_any_test.py $<TARGET_FILE:cairn>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(read_any PROPERTIES LABELS scenario TIMEOUT 600)
