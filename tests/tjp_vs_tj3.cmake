# Cairn's dates against tj3's on TaskJuggler's examples and the Fedora 20 schedule
# (bench/vs_taskjuggler_dates.py runs tj3 with an injected CSV report and `cairn schedule`).
# The target is 95 % of leaf tasks on tj3's start and end day with the project end equal, and
# every file meets it; docs/taskjuggler.md lists each remaining difference with its cause. tj3
# comes from the Debian package (scripts/install-deps tj3).
find_program(CAIRN_TJ3 tj3)
if(NOT CAIRN_TJ3)
  message(STATUS "tj3 not found: the tj3 date comparisons fail until scripts/install-deps tj3 runs")
endif()
set(_tjp_shared ${PROJECT_SOURCE_DIR}/../shared/data/tjp)
# name | file | minimum rate | extra flags. Measured 2026-12-04: tutorial 100 % since daily limits
# count the hours booked that day (was 91 / 82 %, the end a day late); Scrum, ToDo list and
# template 100 %; Fedora 20 98 / 99 % (daylight saving time, docs/taskjuggler.md).
# tj3's own benchmark files are not among the issue's targets; both now match tj3 on every task
# (start and end days, 666tasks 600 / 600 and allocatedSlots 300 / 300, ends equal) since this
# session's path criticalness as tj3's, shifts that free their person, several allocations booked
# slot by slot and candidates tried by their load (were 62 / 63 and 78 / 76 %; 21 / 21 and 24 / 23
# before length and duration tasks booked the free slots of their span).
set(_tjp_cases
    "bench666|${_tjp_shared}/benchmarks__666tasks.tjp|100|"
    "allocatedslots|${_tjp_shared}/benchmarks__allocatedSlots.tjp|100|"
    "tutorial|${_tjp_shared}/Tutorial__tutorial.tjp|95|"
    "scrum|${_tjp_shared}/Scrum__scrum.tjp|95|"
    "todolist|${_tjp_shared}/ToDo-List__todolist.tjp|95|"
    "template|${_tjp_shared}/ProjectTemplate__template.tjp|95|"
    "fedora20|${PROJECT_SOURCE_DIR}/testdata/tjp/fedora-20/f-20.tjp|95|")
foreach(_case ${_tjp_cases})
  string(REPLACE "|" ";" _parts "${_case}")
  list(GET _parts 0 _name)
  list(GET _parts 1 _file)
  list(GET _parts 2 _rate)
  list(GET _parts 3 _flags)
  add_test(NAME tjp_vs_tj3_${_name}
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/bench/vs_taskjuggler_dates.py
                   --cairn $<TARGET_FILE:cairn> --list --min-rate ${_rate} ${_flags} ${_file})
  set_tests_properties(tjp_vs_tj3_${_name} PROPERTIES LABELS scenario TIMEOUT 300)
endforeach()
# Generated multi-team programs (../shared/bench/gen_tjp.py), every task on tj3's days since tj3's
# path criticalness walk and `persistent` alternatives (were 28 / 26 % and 24 / 18 % on 100 and 300
# tasks, seed 1).
add_test(NAME tjp_vs_tj3_generated
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tjp_generated_vs_tj3.py
                 $<TARGET_FILE:cairn> ${PROJECT_SOURCE_DIR}/../shared/bench/gen_tjp.py)
set_tests_properties(tjp_vs_tj3_generated PROPERTIES LABELS scenario TIMEOUT 600)
