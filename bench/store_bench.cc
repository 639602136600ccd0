// Store benchmarks (docs/store.md has the figures):
//   ApplyUnchanged/10000     apply a plan equal to the stored program (reads, compares, writes
//   nothing) ApplyUnchangedJson/10000 the same, starting from the canonical JSON text (what `cairn
//   apply
//                            plan.json` does after reading the file)
//   Load/10000               load a stored program into a Program (validated)
//   PutEntity/10000          one item's title changed through put_entity (a server PATCH)
//   CreateProgram/100000     the first apply of a 100,000-item program (the bulk write path)
// On SQLite always (a temporary file); on PostgreSQL when CAIRN_BENCH_PG_URL is set (tables go in
// a fresh schema that is dropped afterwards).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include <fmt/format.h>

#include "plan/canonical.h"
#include "plan/plan.h"
#include "store/store.h"

namespace cairn {
namespace {

Program make_program(int n_items) {
  Program p;
  p.key = "BIG";
  p.name = "Big program";
  p.start = *Date::parse("2026-01-05");
  int n_teams = std::max(2, n_items / 500);
  for (int t = 0; t < n_teams; ++t) {
    p.teams.push_back(Team{fmt::format("T{}", t), fmt::format("Team {}", t)});
    for (int k = 0; k < 6; ++k) {
      Person per;
      per.key = fmt::format("P{}-{}", t, k);
      per.name = fmt::format("Person {}.{}", t, k);
      per.team = TeamId{t};
      p.people.push_back(per);
    }
  }
  WorkItemId epic;
  for (int i = 0; i < n_items; ++i) {
    WorkItem it;
    it.key = fmt::format("I{}", i);
    int t = (i / 20) % n_teams;
    it.team = TeamId{t};
    if (i % 20 == 0) {
      it.kind = WorkItemKind::kEpic;
      it.title = fmt::format("Epic {}", i);
      epic = WorkItemId{i};
    } else {
      it.kind = i % 3 ? WorkItemKind::kStory : WorkItemKind::kTask;
      it.title = fmt::format("Item {} of the program", i);
      it.parent = epic;
      it.assignee = PersonId{t * 6 + i % 6};
      double lo = 1 + i % 5;
      it.estimate = ThreePoint{lo, lo + 1, lo + 4};
      it.labels = {fmt::format("l{}", i % 7)};
      if (i % 4 == 1) {
        it.state = "In Progress";
        it.history.push_back({"In Progress", *DateTime::parse("2026-01-12T09:00:00Z")});
      }
      if (i % 5 == 0 && (i - 1) % 20 != 0)
        p.dependencies.push_back(Dependency{WorkItemId{i - 1}, WorkItemId{i}});
    }
    p.items.push_back(std::move(it));
  }
  p.reindex();
  return p;
}

struct Target {
  std::string location;
  std::string schema;  // PostgreSQL: dropped at the end
  std::filesystem::path file;
  ~Target() {
    if (!file.empty()) {
      std::error_code ec;
      for (const char* s : {"", "-wal", "-shm"})
        std::filesystem::remove(file.string() + s, ec);
    }
    if (!schema.empty()) {
      try {
        pqxx::connection c(std::getenv("CAIRN_BENCH_PG_URL"));
        pqxx::work tx(c);
        tx.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        tx.commit();
      } catch (...) {
      }
    }
  }
};

std::unique_ptr<Target> make_target(bool pg, const std::string& tag) {
  auto t = std::make_unique<Target>();
  if (!pg) {
    t->file = std::filesystem::temp_directory_path() /
              fmt::format("cairn-bench-{}-{}.db", tag, ::getpid());
    t->location = t->file.string();
    return t;
  }
  std::string url = std::getenv("CAIRN_BENCH_PG_URL");
  t->schema = fmt::format("bench_{}_{}", tag, ::getpid());
  pqxx::connection c(url);
  pqxx::work tx(c);
  tx.exec("DROP SCHEMA IF EXISTS " + t->schema + " CASCADE; CREATE SCHEMA " + t->schema);
  tx.commit();
  t->location = url + (url.find('?') == std::string::npos ? "?" : "&") +
                "options=-csearch_path%3D" + t->schema;
  return t;
}

std::unique_ptr<store::Store> open_with(const Program& p, const Target& t) {
  auto s = store::Store::open(t.location);
  if (!s) throw std::runtime_error(s.error().to_string());
  auto r = (*s)->apply(p);
  if (!r) throw std::runtime_error(r.error().to_string());
  return std::move(*s);
}

void ApplyUnchanged(benchmark::State& state, bool pg) {
  Program p = make_program(static_cast<int>(state.range(0)));
  auto t = make_target(pg, "unchanged");
  auto s = open_with(p, *t);
  for (auto _ : state) {
    auto r = s->apply(p);
    if (!r || r->written) state.SkipWithError("apply wrote or failed");
  }
}

void ApplyUnchangedJson(benchmark::State& state, bool pg) {
  Program p = make_program(static_cast<int>(state.range(0)));
  std::string text = plan::write_plan_json(p);
  auto t = make_target(pg, "json");
  auto s = open_with(p, *t);
  for (auto _ : state) {
    Diagnostics diags;
    auto plan = plan::read_canonical_plan_text(text, "plan.json", diags);
    if (!plan) state.SkipWithError("read failed");
    auto r = s->apply(plan->program);
    if (!r || r->written) state.SkipWithError("apply wrote or failed");
  }
}

void Load(benchmark::State& state, bool pg) {
  Program p = make_program(static_cast<int>(state.range(0)));
  auto t = make_target(pg, "load");
  auto s = open_with(p, *t);
  for (auto _ : state) {
    auto loaded = s->load("BIG");
    if (!loaded || loaded->program.items.size() != p.items.size())
      state.SkipWithError("load failed");
  }
}

// One item's title changed through Store::put_entity (what a server PATCH does), read-modify-write
// with the version read.
void PutEntity(benchmark::State& state, bool pg) {
  Program p = make_program(static_cast<int>(state.range(0)));
  auto t = make_target(pg, "put");
  auto s = open_with(p, *t);
  int64_t n = 0;
  for (auto _ : state) {
    auto cur = s->entity("BIG", "item", "I7");
    if (!cur || !*cur) {
      state.SkipWithError("read failed");
      break;
    }
    auto body = (*cur)->body;
    body["title"] = fmt::format("Item 7, edit {}", ++n);
    auto r = s->put_entity("BIG", "item", "I7", body, (*cur)->version);
    if (!r) {
      state.SkipWithError(r.error().to_string().c_str());
      break;
    }
  }
}

void CreateProgram(benchmark::State& state, bool pg) {
  Program p = make_program(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    auto t = make_target(pg, "create");
    auto s = store::Store::open(t->location);
    state.ResumeTiming();
    auto r = (*s)->apply(p);
    if (!r || !r->written) state.SkipWithError("create failed");
    state.PauseTiming();
    s->reset();
    t.reset();
    state.ResumeTiming();
  }
}

void register_all() {
  bool pg = std::getenv("CAIRN_BENCH_PG_URL") != nullptr;
  for (bool on_pg : {false, true}) {
    if (on_pg && !pg) continue;
    const char* b = on_pg ? "PostgreSQL" : "SQLite";
    benchmark::RegisterBenchmark(fmt::format("{}/ApplyUnchanged", b).c_str(), ApplyUnchanged, on_pg)
        ->Arg(10000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(fmt::format("{}/ApplyUnchangedJson", b).c_str(),
                                 ApplyUnchangedJson, on_pg)
        ->Arg(10000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(fmt::format("{}/Load", b).c_str(), Load, on_pg)
        ->Arg(10000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(fmt::format("{}/PutEntity", b).c_str(), PutEntity, on_pg)
        ->Arg(10000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(fmt::format("{}/CreateProgram", b).c_str(), CreateProgram, on_pg)
        ->Arg(100000)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace
}  // namespace cairn

int main(int argc, char** argv) {
  cairn::register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
