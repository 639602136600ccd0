// GCC's -fsanitize-coverage=trace-cmp also traces floating-point comparisons, which libFuzzer's
// runtime does not hook: these do nothing, so that the harnesses link (fuzz/CMakeLists.txt).
extern "C" {
void __sanitizer_cov_trace_cmpf(float, float) {}
void __sanitizer_cov_trace_cmpd(double, double) {}
}
