// `cairn convert FILE... --to mspdi|ical|csv|yaml|json [-o OUT]`: reads a plan (YAML files or a
// plan directory) or a file another tool wrote (Jira CSV, GitHub issues JSON, MS Project XML; see
// docs/import.md) and writes it in another format. No store involved.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "io/ical.h"
#include "io/import.h"
#include "io/items_csv.h"
#include "io/mspdi.h"
#include "io/plan_yaml.h"
#include "report/check.h"

namespace cairn::cli {
namespace {

struct ConvertArgs {
  std::vector<std::string> files;
  std::string to = "yaml";
  std::string out;
  std::string format;  // import format; empty: detect
  std::string program;
  std::string key_prefix;
  std::string jira_url;
};

bool is_plan(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return true;
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml";
}

void run(const ConvertArgs& a, int& exit_code) {
  Program program;
  if (a.files.size() > 1 || is_plan(a.files.front())) {
    auto plan = load_plan_or_report(a.files, std::cerr, exit_code);
    if (!plan) return;
    program = std::move(plan->program);
  } else {
    std::optional<io::ImportFormat> format;
    if (!a.format.empty()) format = io::parse_import_format(a.format);
    io::ImportOptions options;
    options.program_key = a.program;
    options.key_prefix = a.key_prefix;
    options.jira_url = a.jira_url;
    Diagnostics diags;
    auto imported = io::import_file(a.files.front(), format, options, diags);
    if (!imported) {
      fail(imported.error(), exit_code);
      return;
    }
    report::diagnostics_table(diags, std::cerr);
    program = std::move(imported->program);
  }
  std::string text;
  if (a.to == "mspdi")
    text = io::write_mspdi(program);
  else if (a.to == "ical")
    text = io::write_ical(program);
  else if (a.to == "csv")
    text = io::write_items_csv(program);
  else if (a.to == "json")
    text = io::write_plan_json(program);
  else
    text = io::write_plan_yaml(program);
  if (a.out.empty() || a.out == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(a.out, std::ios::binary);
  out << text;
  if (!out)
    fail(Error{codes::kUnreadableFile, fmt::format("cannot write {}", a.out),
               Location{a.out, 0, 0, {}}, "check that the folder exists and is writable"},
         exit_code);
}

}  // namespace

void register_convert(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "convert",
      "Convert a plan or a Jira/GitHub/MS Project export to MSPDI, iCalendar, CSV, YAML "
      "or JSON");
  auto args = std::make_shared<ConvertArgs>();
  cmd->add_option("FILE", args->files,
                  "A plan (YAML files or a directory) or one export (Jira CSV, GitHub issues JSON, "
                  "MS Project XML)")
      ->required();
  cmd->add_option("--to", args->to, "Output format")
      ->check(CLI::IsMember({"mspdi", "ical", "csv", "yaml", "json"}))
      ->required();
  cmd->add_option("-o,--output", args->out, "Output file (default: standard output)");
  cmd->add_option("--format", args->format, "Input format of an export (default: detected)")
      ->check(CLI::IsMember({"jira-csv", "github-json", "mspdi"}));
  cmd->add_option("--program", args->program, "Program key (default: the file name)");
  cmd->add_option("--key-prefix", args->key_prefix,
                  "GitHub: key prefix instead of owner/repo; MSPDI: prefix of T<UID> keys");
  cmd->add_option("--jira-url", args->jira_url, "Jira site URL for item links");
  cmd->callback([&ctx, args] { run(*args, ctx.exit_code); });
}

}  // namespace cairn::cli
