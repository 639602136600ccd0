#include "cli/output.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::cli {

int exit_code_of(const Error& e) {
  return e.code == codes::kConflict ? 1 : 2;
}

bool fail(const Error& e, int& exit_code) {
  std::cerr << e.to_string() << "\n";
  exit_code = exit_code_of(e);
  return false;
}

bool fail_usage(const std::string& message, int& exit_code, const std::string& hint) {
  return fail(Error{codes::kUsage, message, Location{}, hint}, exit_code);
}

std::optional<Date> parse_date_option(const std::string& option, const std::string& value,
                                      int& exit_code) {
  auto d = Date::parse(value);
  if (!d)
    fail_usage(fmt::format("{}: '{}' is not a date", option, value), exit_code,
               "write the date as YYYY-MM-DD");
  return d;
}

std::optional<DateTime> generated_at() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long secs = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0') return DateTime{secs};
  }
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return DateTime{std::chrono::duration_cast<std::chrono::seconds>(now).count()};
}

report::Header header(const Program& p, std::optional<Date> as_of) {
  return report::header_of(p, as_of, generated_at());
}

report::Header header(const std::string& program_key) {
  return report::Header{program_key, "", std::nullopt, generated_at()};
}

CLI::Option* add_format_option(CLI::App* cmd, std::string& format,
                               std::initializer_list<const char*> formats) {
  std::vector<std::string> names(formats.begin(), formats.end());
  format = names.front();
  std::string list;
  for (const auto& n : names)
    list += (list.empty() ? "" : ", ") + n;
  if (std::find(names.begin(), names.end(), "table") != names.end())
    names.push_back("text");  // the old name of `table`
  return cmd
      ->add_option("--format", format, fmt::format("Output format: {} (default {})", list, format))
      ->check(CLI::IsMember(names))
      ->transform([](std::string s) { return s == "text" ? std::string("table") : s; });
}

void print(const report::Json& doc, std::ostream& out) {
  out << doc.dump(2) << "\n";
}

}  // namespace cairn::cli
