# The scheduler benchmark (bench/schedule_bench.cc): CPM on 1M items / 2M dependencies, leveling of
# 100k items over 1,000 people, and end-to-end scheduling at the TaskJuggler comparison sizes.
add_executable(schedule_bench ${CMAKE_CURRENT_SOURCE_DIR}/schedule_bench.cc)
target_link_libraries(schedule_bench PRIVATE cairn_schedule benchmark::benchmark)
