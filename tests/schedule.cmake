# The scheduling scenario runner (testdata/schedule/*.yaml). Included from tests/CMakeLists.txt.
add_executable(schedule_scenarios_test ${PROJECT_SOURCE_DIR}/tests/schedule_scenarios_test.cc)
target_link_libraries(schedule_scenarios_test PRIVATE cairn_io GTest::gtest_main)
target_compile_definitions(schedule_scenarios_test PRIVATE
  CAIRN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  CAIRN_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
gtest_discover_tests(schedule_scenarios_test PROPERTIES LABELS scenario DISCOVERY_TIMEOUT 60)

# Stability of dates under small edits (schedule and forecast), on examples/atlas and a generated
# program (bench/gen_deadline_program.py).
add_executable(stability_test ${PROJECT_SOURCE_DIR}/tests/stability_test.cc)
target_link_libraries(stability_test PRIVATE cairn_io cairn_forecast GTest::gtest_main)
target_compile_definitions(stability_test PRIVATE CAIRN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
gtest_discover_tests(stability_test PROPERTIES LABELS scenario DISCOVERY_TIMEOUT 60)

# Random plans (bench/random_plans.py, seeds 1-20): forecast P50 = schedule with zero spread,
# doubling an item moves no milestone date, P50 or P85 earlier under --keep-order, and keeping the
# order of a plan's own schedule reproduces it, apart from the exceptions docs/scheduling.md
# names (several seats, an early start-finish successor); no command crashes on them.
add_test(NAME random_plans
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/bench/random_plans.py all --seeds 1 20
                 --cairn $<TARGET_FILE:cairn>)
set_tests_properties(random_plans PROPERTIES LABELS scenario TIMEOUT 600)

# Deadlines tight at every milestone (bench/deadlines_tight.py, ../shared/bench/gen_tjp.py programs
# of 300 tasks, seeds 1-5): the default effort, which goes on searching while a deadline is
# missed, leaves fewer working days late than 64 passes and at most one milestone late of 155
# (before the moves along late chains, session 27: 15 late), and 2 threads give the same schedule.
add_test(NAME deadlines_tight
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/bench/deadlines_tight.py --check
                 --seeds 1 2 3 4 5 --max-late 1 --cairn $<TARGET_FILE:cairn>)
set_tests_properties(deadlines_tight PROPERTIES LABELS scenario TIMEOUT 600)
