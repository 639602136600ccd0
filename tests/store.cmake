# The store's tests (docs/store.md):
#  - the conformance suite on SQLite (label unit) and on a real PostgreSQL (label postgres): the
#    PostgreSQL cases need the throwaway cluster that the fixture cairn_pg starts
#    (scripts/pg-test-cluster, as the `postgres` user when run as root) and removes afterwards;
#  - the crash test (label slow): kill -9 during large applies, integrity and old-or-new checks;
#    on SQLite, and on PostgreSQL inside the same fixture.
add_executable(store_conformance_test store_conformance_test.cc)
target_link_libraries(store_conformance_test PRIVATE cairn_store PkgConfig::PQXX GTest::gtest_main)
target_compile_definitions(store_conformance_test PRIVATE ${CAIRN_TEST_DEFS})

set(CAIRN_PG_TEST_DIR ${CMAKE_CURRENT_BINARY_DIR}/pg-test-cluster)
gtest_discover_tests(store_conformance_test TEST_FILTER "Sqlite/*"
                     PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
gtest_discover_tests(store_conformance_test TEST_FILTER "Postgres/*"
                     PROPERTIES LABELS postgres FIXTURES_REQUIRED cairn_pg
                                ENVIRONMENT "CAIRN_TEST_PG_URL_FILE=${CAIRN_PG_TEST_DIR}/url"
                                DISCOVERY_TIMEOUT 60)

add_test(NAME store_pg_cluster_start
         COMMAND ${PROJECT_SOURCE_DIR}/scripts/pg-test-cluster start ${CAIRN_PG_TEST_DIR})
set_tests_properties(store_pg_cluster_start PROPERTIES FIXTURES_SETUP cairn_pg LABELS postgres
                     TIMEOUT 120)
add_test(NAME store_pg_cluster_stop
         COMMAND ${PROJECT_SOURCE_DIR}/scripts/pg-test-cluster stop ${CAIRN_PG_TEST_DIR})
set_tests_properties(store_pg_cluster_stop PROPERTIES FIXTURES_CLEANUP cairn_pg LABELS postgres)

find_package(Python3 REQUIRED COMPONENTS Interpreter)
# kill -9 rounds on a 10,000-item program; sanitizer builds run 10-20x slower (the SQLite test took
# 1,158 s of its 1,200 s under ASan on a busy machine), so they use a 2,000-item program: the same
# rounds and checks, a smaller transaction to interrupt.
if(CAIRN_SANITIZE)
  set(CAIRN_CRASH_ITEMS 2000)
else()
  set(CAIRN_CRASH_ITEMS 10000)
endif()
add_test(NAME store_crash_test_sqlite
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/crash_test.py $<TARGET_FILE:cairn>
                 --items ${CAIRN_CRASH_ITEMS} --runs 20)
set_tests_properties(store_crash_test_sqlite PROPERTIES LABELS "slow;e2e" TIMEOUT 1200)
add_test(NAME store_crash_test_postgres
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/crash_test.py $<TARGET_FILE:cairn>
                 --db-url-file ${CAIRN_PG_TEST_DIR}/url --items ${CAIRN_CRASH_ITEMS} --runs 10)
set_tests_properties(store_crash_test_postgres PROPERTIES LABELS "slow;e2e;postgres" TIMEOUT 1200
                     FIXTURES_REQUIRED cairn_pg)

# The store commands end to end (import, baseline, snapshot, trend) on a temporary SQLite store.
add_test(NAME store_cli_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/store_cli_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(store_cli_test PROPERTIES LABELS e2e TIMEOUT 600)

# `cairn serve` end to end: a real server on port 0 over a temporary SQLite store (docs/server.md).
add_test(NAME api_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_test PROPERTIES LABELS e2e TIMEOUT 300)
# Two `cairn serve` on one PostgreSQL database: a write on one is read on the other within 1 s;
# concurrent If-Match writers through both lose no update (tests/api_two_servers_test.py).
add_test(NAME api_two_servers_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_two_servers_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_two_servers_test PROPERTIES LABELS postgres FIXTURES_REQUIRED cairn_pg
                     ENVIRONMENT "CAIRN_TEST_PG_URL_FILE=${CAIRN_PG_TEST_DIR}/url" TIMEOUT 300)
