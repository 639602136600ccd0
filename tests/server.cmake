# `cairn serve` (docs/server.md): the role matrix, walked route by route on a real server on port 0
# over a temporary SQLite store. (api_test, the API's behaviour, is in store.cmake.)
add_test(NAME api_auth_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_auth_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_auth_test PROPERTIES LABELS e2e TIMEOUT 300)
# Hardening: bodies too large, too deep, not UTF-8 or not JSON, bad query strings, a stalled client.
add_test(NAME api_limits_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_limits_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_limits_test PROPERTIES LABELS e2e TIMEOUT 300)
# The views: OpenAPI and the report schemas, what-if, the per-revision cache, /metrics.
add_test(NAME api_views_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_views_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_views_test PROPERTIES LABELS e2e TIMEOUT 600)
# The same server on PostgreSQL (the throwaway cluster of store.cmake's fixture cairn_pg).
add_test(NAME api_pg_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_pg_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_pg_test PROPERTIES LABELS postgres FIXTURES_REQUIRED cairn_pg
                     ENVIRONMENT "CAIRN_TEST_PG_URL_FILE=${CAIRN_PG_TEST_DIR}/url" TIMEOUT 300)
# `t`_pg: the server test t.py again with --pg, on the cluster of store.cmake's fixture cairn_pg
# (a schema of its own).
function(cairn_api_pg_test t timeout)
  add_test(NAME ${t}_pg
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/${t}.py
                   $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR} --pg)
  set_tests_properties(${t}_pg PROPERTIES LABELS postgres FIXTURES_REQUIRED cairn_pg
                       ENVIRONMENT "CAIRN_TEST_PG_URL_FILE=${CAIRN_PG_TEST_DIR}/url"
                       TIMEOUT ${timeout})
endfunction()
# The API, views, hardening, role-matrix and login tests again on PostgreSQL.
foreach(t api_test api_views_test api_limits_test api_auth_test api_login_test)
  cairn_api_pg_test(${t} 600)
endforeach()
# Browser login: passwords, sessions, CSRF, the login rate limit (tests/api_login_test.py).
add_test(NAME api_login_test
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/api_login_test.py
                 $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
set_tests_properties(api_login_test PROPERTIES LABELS e2e TIMEOUT 300)
# On SQLite and again on PostgreSQL (`_pg`): API tokens listed and revoked by the CLI and the API
# (api_tokens_test); a manager's writes scoped to their own team (api_manager_test); webhooks in,
# with cairn webhook add/list/remove, GitHub and Jira deliveries, signatures, replays
# (api_webhooks_test).
foreach(t api_tokens_test api_manager_test api_webhooks_test api_program_test)
  add_test(NAME ${t}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/${t}.py
                   $<TARGET_FILE:cairn> --source-dir ${PROJECT_SOURCE_DIR})
  set_tests_properties(${t} PROPERTIES LABELS e2e TIMEOUT 300)
  cairn_api_pg_test(${t} 300)
endforeach()
