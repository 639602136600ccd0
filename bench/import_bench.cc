// Import speed: 100,000 Jira CSV rows as Jira writes them (about 30 columns, repeated Sprint,
// Labels and link columns, multi-line quoted descriptions), parsed by the CSV reader alone and by
// the whole Jira reader into a Program. The target is a 100k-row import into SQLite in
// under 5 s, of which the parse must be a small part.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "io/csv/csv.h"
#include "io/jira/jira_csv.h"
#include "io/mspdi/mspdi.h"

namespace {

std::string generate_jira_csv(int rows) {
  static const char* const kStatus[] = {"To Do", "In Progress", "In Review", "Done", "Backlog"};
  static const char* const kType[] = {"Story", "Task", "Bug", "Sub-task"};
  static const char* const kPeople[] = {"Ann Lee", "Bo Chen", "Dev Patel", "Eve Moss", ""};
  static const char* const kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun"};
  std::string out =
      "Summary,Issue key,Issue id,Issue Type,Status,Project key,Project name,Priority,Resolution,"
      "Assignee,Reporter,Created,Updated,Resolved,Due Date,Labels,Labels,Description,"
      "Original Estimate,Remaining Estimate,Time Spent,Sprint,Sprint,Fix Version/s,"
      "Custom field (Story Points),Custom field (Epic Link),Parent,Status Category Changed,"
      "Outward issue link (Blocks),Outward issue link (Blocks),Inward issue link (Blocks),"
      "Outward issue link (Relates)\r\n";
  out.reserve(static_cast<size_t>(rows) * 420);
  const int projects = 10;
  for (int i = 0; i < rows; ++i) {
    const int proj = i % projects;
    const int n = i / projects + 1;
    const std::string key = fmt::format("P{}-{}", proj, n);
    const char* status = kStatus[i % 5];
    const bool done = i % 5 == 3;
    const char* month = kMonth[i % 6];
    const std::string created = fmt::format("{:02}/{}/24 {}:{:02} {}", i % 28 + 1, month,
                                            i % 12 + 1, i % 60, i % 2 ? "PM" : "AM");
    const std::string desc = i % 3 == 0 ? fmt::format(
                                              "\"Line one of {}\nline \"\"two\"\", with a "
                                              "comma\nline three\"",
                                              key)
                                        : std::string("Short description");
    const std::string blocks = n > 1 && i % 4 == 0 ? fmt::format("P{}-{}", proj, n - 1) : "";
    out += fmt::format(
        "\"Do the thing number {}, carefully\",{},{},{},{},P{},Project {},Medium,{},{},Bo Chen,"
        "{},{},{},,backend,{},{},{},{},,Sprint {},{},1.{},{},,,{},{},,,\r\n",
        i, key, 100000 + i, kType[i % 4], status, proj, proj, done ? "Done" : "", kPeople[i % 5],
        created, created, done ? created : "", i % 7 ? "" : "api", desc, 28800 * (i % 5 + 1),
        done ? 0 : 14400, i % 20 + 1, i % 3 ? fmt::format("Sprint {}", i % 20 + 2) : "", i % 4,
        i % 8 + 1, created, blocks, "");
  }
  return out;
}

const std::string& data() {
  static const std::string text = generate_jira_csv(100000);
  return text;
}

void BM_CsvParse100k(benchmark::State& state) {
  const std::string& text = data();
  std::vector<std::string_view> fields;
  for (auto _ : state) {
    cairn::io::CsvReader r(text, "bench.csv");
    size_t n = 0;
    while (*r.next(fields))
      n += fields.size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CsvParse100k)->Unit(benchmark::kMillisecond);

void BM_JiraImport100k(benchmark::State& state) {
  const std::string& text = data();
  for (auto _ : state) {
    cairn::Diagnostics diags;
    auto r = cairn::io::read_jira_csv(text, "bench.csv", {}, diags);
    if (!r) state.SkipWithError(r.error().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * 100000);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_JiraImport100k)->Unit(benchmark::kMillisecond);

void BM_MspdiWriteRead100k(benchmark::State& state) {
  cairn::Diagnostics diags;
  auto r = cairn::io::read_jira_csv(data(), "bench.csv", {}, diags);
  for (auto _ : state) {
    const std::string xml = cairn::io::write_mspdi(r->program);
    cairn::Diagnostics again;
    auto back = cairn::io::read_mspdi(xml, "bench.xml", {}, again);
    benchmark::DoNotOptimize(back);
  }
}
BENCHMARK(BM_MspdiWriteRead100k)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
