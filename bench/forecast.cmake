# The forecast benchmark (bench/forecast_bench.cc): 10,000 trials of a 10,000-item program.
add_executable(forecast_bench ${CMAKE_CURRENT_SOURCE_DIR}/forecast_bench.cc)
target_link_libraries(forecast_bench PRIVATE cairn_forecast benchmark::benchmark)
