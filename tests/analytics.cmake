# Issue 13's what-if, health and people load (analysis/whatif.h, health.h, load.h). Included from
# tests/CMakeLists.txt. Scenario files: testdata/analysis/{whatif,health,load}/ with hand-computed
# expectations in their comments, checked by the tests.
add_executable(analytics_test ${PROJECT_SOURCE_DIR}/tests/whatif_test.cc
                              ${PROJECT_SOURCE_DIR}/tests/gates_test.cc
                              ${PROJECT_SOURCE_DIR}/tests/load_test.cc
                              ${PROJECT_SOURCE_DIR}/tests/critique_test.cc
                              ${PROJECT_SOURCE_DIR}/tests/health_test.cc)
target_link_libraries(analytics_test PRIVATE cairn_io GTest::gtest_main)
target_compile_definitions(analytics_test PRIVATE CAIRN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
gtest_discover_tests(analytics_test PROPERTIES LABELS scenario DISCOVERY_TIMEOUT 60)

# `cairn health` on a plan file and on a stored program with a baseline and snapshots.
add_test(NAME health_cli
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/health_cli_test.py
                 $<TARGET_FILE:cairn> ${PROJECT_SOURCE_DIR})
set_tests_properties(health_cli PROPERTIES LABELS scenario)
