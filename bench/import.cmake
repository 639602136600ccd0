# The import benchmark (bench/import_bench.cc): 100,000 generated Jira CSV rows through the CSV
# parser alone and through the whole Jira reader; the MSPDI export and re-import of the result.
add_executable(import_bench ${CMAKE_CURRENT_SOURCE_DIR}/import_bench.cc)
target_link_libraries(import_bench PRIVATE cairn_io benchmark::benchmark)
