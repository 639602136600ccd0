# The module rule (docs/architecture.md): every #include in src/ points at a module its CMake
# target links, and modules link only lower layers (tests/module_deps_test.py).
add_test(NAME module_deps
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/module_deps_test.py
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(module_deps PROPERTIES LABELS unit)
