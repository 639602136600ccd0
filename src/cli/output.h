// What every command shares at its output edge: the document header (with the clock), the
// --format option, printing a document, and turning an Error into a message and an exit code.
//
// Exit codes (docs/cli.md): 0 fine, 1 findings or a conflict, 2 bad usage or unusable input.
// generated_at in document headers is the current UTC time, or SOURCE_DATE_EPOCH (seconds since
// 1970, the reproducible-builds convention) when that is set, so output can be byte-identical.
#pragma once

#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "base/date.h"
#include "base/error.h"
#include "model/program.h"
#include "report/document.h"

namespace cairn::cli {

// The exit code an Error means: 1 for a conflict with a concurrent writer, else 2.
int exit_code_of(const Error& e);
// Prints `e` (message, location, code, hint) to stderr and sets `exit_code`; returns false so a
// caller can `return fail(...)`.
bool fail(const Error& e, int& exit_code);
// A usage problem with an option's value: "--as-of: 'x' is not a date (YYYY-MM-DD)"; exit 2.
bool fail_usage(const std::string& message, int& exit_code, const std::string& hint = {});
// Parses the date an option gives; prints the usage error (exit 2) and returns nullopt when it is
// not one.
std::optional<Date> parse_date_option(const std::string& option, const std::string& value,
                                      int& exit_code);

// When the document is generated (see above).
std::optional<DateTime> generated_at();
report::Header header(const Program& p, std::optional<Date> as_of = {});
// For documents about a stored program known by its key only.
report::Header header(const std::string& program_key);

// Adds --format with the given formats, the first the default; "text" is accepted for "table".
CLI::Option* add_format_option(CLI::App* cmd, std::string& format,
                               std::initializer_list<const char*> formats);

// Writes a document, indented by two, and a newline.
void print(const report::Json& doc, std::ostream& out);

}  // namespace cairn::cli
