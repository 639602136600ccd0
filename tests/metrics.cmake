# The TPM metrics (analysis/flow.h, sprints.h, evm.h). Included from tests/CMakeLists.txt.
# Scenario runner: testdata/analysis/{flow,sprints,evm}/*.yaml with hand-computed expectations.
add_executable(metrics_scenarios_test ${PROJECT_SOURCE_DIR}/tests/metrics_scenarios_test.cc)
target_link_libraries(metrics_scenarios_test PRIVATE cairn_io GTest::gtest_main)
target_compile_definitions(metrics_scenarios_test PRIVATE
  CAIRN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  CAIRN_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
gtest_discover_tests(metrics_scenarios_test PROPERTIES LABELS scenario DISCOVERY_TIMEOUT 60)

# `cairn flow --history` on the shared real histories, against an independent Python computation.
add_test(NAME flow_history
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/flow_history_test.py
                 $<TARGET_FILE:cairn> ${PROJECT_SOURCE_DIR}/../shared)
set_tests_properties(flow_history PROPERTIES LABELS scenario)

# `cairn risks` / `cairn deps` on a stored program: the exposure trend over revisions, against an
# independent computation from the YAML.
add_test(NAME registers_cli
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/registers_cli_test.py
                 $<TARGET_FILE:cairn> ${PROJECT_SOURCE_DIR})
set_tests_properties(registers_cli PROPERTIES LABELS scenario)
