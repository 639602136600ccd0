# Forecast calibration on the shared real issue histories (../shared/data/history). Included from
# tests/CMakeLists.txt.
add_executable(forecast_calibration_test ${PROJECT_SOURCE_DIR}/tests/forecast_calibration_test.cc)
target_link_libraries(forecast_calibration_test PRIVATE cairn_io cairn_forecast GTest::gtest_main)
target_compile_definitions(forecast_calibration_test PRIVATE
  CAIRN_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
gtest_discover_tests(forecast_calibration_test PROPERTIES LABELS scenario DISCOVERY_TIMEOUT 60)

# Zero spread: forecast P50 = schedule date (tests/zero_spread_test.cc; testdata/forecast/zero_spread).
add_executable(zero_spread_test ${PROJECT_SOURCE_DIR}/tests/zero_spread_test.cc)
target_link_libraries(zero_spread_test PRIVATE cairn_io cairn_forecast GTest::gtest_main)
target_compile_definitions(zero_spread_test PRIVATE CAIRN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
gtest_discover_tests(zero_spread_test PROPERTIES LABELS scenario DISCOVERY_TIMEOUT 60)
