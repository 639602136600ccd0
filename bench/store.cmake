# The store benchmarks: apply an unchanged 10,000-item plan, load a 10,000-item program, create a
# 100,000-item program (the bulk path importers use), on SQLite and, when CAIRN_BENCH_PG_URL is set,
# on PostgreSQL.
add_executable(store_bench store_bench.cc)
target_link_libraries(store_bench PRIVATE cairn_store PkgConfig::PQXX benchmark::benchmark)
