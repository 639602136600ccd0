// The store conformance suite: the same tests against every backend (SQLite and PostgreSQL).
//
// SQLite tests use a fresh file each. PostgreSQL tests need a server: the URL comes from
// CAIRN_TEST_PG_URL, or from the file named by CAIRN_TEST_PG_URL_FILE (written by
// scripts/pg-test-cluster, which the ctest fixture in tests/store.cmake starts). Without either,
// the PostgreSQL tests FAIL: they are never silently skipped. Each PostgreSQL test works in its own
// schema (search_path), dropped at the end.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <pqxx/pqxx>

#include "plan/canonical.h"
#include "plan/plan.h"
#include "store/entity_doc.h"
#include "store/migrations.h"
#include "store/store.h"

namespace cairn::store {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kPlan = R"yaml(
program: {key: PAY, name: Payments, start: 2026-01-05, currency: EUR,
          calendar: {weekdays: [mon, tue, wed, thu, fri], holidays: [2026-04-03]}}
teams:
  - key: core
    name: Core
    workflow:
      - {name: To Do, category: todo}
      - {name: In Progress, category: in-progress, wip: 3}
      - {name: Done, category: done}
  - {key: web, name: Web, method: kanban}
people:
  - {key: ana, name: Ana, team: core}
  - {key: bo, name: Bo, team: web, allocation: 50}
items:
  - {key: E1, title: Checkout, kind: epic, team: core}
  - {key: S1, title: Card form, kind: story, parent: E1, team: core, assignee: ana,
     estimate: [2, 3, 5], state: In Progress,
     history: [{state: In Progress, at: "2026-01-07T09:00:00Z"}]}
  - {key: S2, title: Receipt page, kind: story, parent: E1, team: web, assignee: bo,
     estimate: [1, 2, 4]}
dependencies:
  - {from: S1, to: S2, need_by: 2026-02-01}
milestones:
  - {key: M1, name: Beta, deadline: 2026-03-01, items: [E1]}
risks:
  - {key: R1, title: PSP delay, probability: 0.3, impact: [2, 5, 10], items: [S1]}
sprints:
  - {key: SP1, team: core, start: 2026-01-05, end: 2026-01-16, committed: [S1]}
budget: {total: 100000}
status_updates:
  - {date: 2026-01-09, author: ana, rag: green, summary: On track}
decisions:
  - {date: 2026-01-06, owner: ana, text: Use the hosted PSP, status: accepted}
actions:
  - {text: Ask for PSP sandbox, owner: bo}
)yaml";

Program plan_from(const std::string& yaml) {
  Diagnostics diags;
  auto p = plan::read_plan_text(yaml, "test.yaml", diags);
  EXPECT_TRUE(p.has_value());
  EXPECT_FALSE(diags.has_errors()) << (diags.empty() ? "" : diags.items().front().message);
  return p ? std::move(p->program) : Program{};
}

DateTime at(const char* text) {
  return *DateTime::parse(text);
}

std::string pg_url() {
  if (const char* u = std::getenv("CAIRN_TEST_PG_URL"); u && *u) return u;
  if (const char* f = std::getenv("CAIRN_TEST_PG_URL_FILE"); f && *f) {
    std::ifstream in(f);
    std::string url;
    std::getline(in, url);
    return url;
  }
  return "";
}

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    std::random_device rd;
    std::string tag = fmt::format("t{}_{}_{}", ::getpid(), counter++, rd() % 100000);
    if (GetParam() == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("cairn-store-" + tag);
      std::filesystem::create_directories(dir_);
      location_ = (dir_ / "test.db").string();
      return;
    }
    std::string url = pg_url();
    ASSERT_FALSE(url.empty()) << "PostgreSQL tests need CAIRN_TEST_PG_URL or "
                                 "CAIRN_TEST_PG_URL_FILE (run them through ctest, which starts "
                                 "scripts/pg-test-cluster)";
    schema_ = "cairn_" + tag;
    base_url_ = url;
    pqxx::connection c(url);
    pqxx::work tx(c);
    tx.exec("CREATE SCHEMA " + schema_);
    tx.commit();
    location_ = url + (url.find('?') == std::string::npos ? "?" : "&") +
                "options=-csearch_path%3D" + schema_;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!schema_.empty()) {
      try {
        pqxx::connection c(base_url_);
        pqxx::work tx(c);
        tx.exec("DROP SCHEMA " + schema_ + " CASCADE");
        tx.commit();
      } catch (...) {
      }
    }
  }
  std::unique_ptr<Store> open() {
    auto s = Store::open(location_);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
    return s ? std::move(*s) : nullptr;
  }
  ApplyOptions opts(const char* now = "2026-02-01T10:00:00Z", bool prune = false) {
    ApplyOptions o;
    o.actor = "tester";
    o.source = "test";
    o.now = at(now);
    o.prune = prune;
    return o;
  }

  std::filesystem::path dir_;
  std::string location_, schema_, base_url_;
};

TEST_P(StoreConformance, OpensMigratesAndReopens) {
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->schema_version(), latest_schema_version());
  EXPECT_STREQ(s->backend_name(), GetParam() == "sqlite" ? "sqlite" : "postgresql");
  s.reset();
  auto again = open();
  ASSERT_TRUE(again);
  auto ps = again->programs();
  ASSERT_TRUE(ps);
  EXPECT_TRUE(ps->empty());
}

TEST_P(StoreConformance, ApplyThenLoadGivesTheSameProgram) {
  auto s = open();
  Program plan = plan_from(kPlan);
  auto r = s->apply(plan, opts());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_TRUE(r->written);
  EXPECT_EQ(r->revision, 1);
  EXPECT_EQ(r->diff.updated(), 0u);
  EXPECT_EQ(r->diff.created(), split_program(plan).size());
  auto loaded = s->load("PAY");
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(loaded->revision, 1);
  EXPECT_TRUE(loaded->program.same_content(plan));
  auto doc = s->load_document("PAY");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->dump(), plan::plan_to_json(plan).dump());
}

TEST_P(StoreConformance, ApplyingTheSamePlanTwiceWritesNothing) {
  auto s = open();
  Program plan = plan_from(kPlan);
  ASSERT_TRUE(s->apply(plan, opts()));
  auto again = s->apply(plan, opts("2026-02-02T10:00:00Z"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->written);
  EXPECT_TRUE(again->diff.empty());
  EXPECT_EQ(again->revision, 1);
  auto h = s->history("PAY");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->size(), 1u);
}

TEST_P(StoreConformance, DiffListsFieldChangesWithOldAndNewValues) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  std::string changed = kPlan;
  changed.replace(changed.find("Receipt page"), 12, "Receipt view");
  auto d = s->diff(plan_from(changed));
  ASSERT_TRUE(d);
  ASSERT_EQ(d->changes.size(), 1u);
  const auto& c = d->changes.front();
  EXPECT_EQ(c.kind, "item");
  EXPECT_EQ(c.key, "S2");
  EXPECT_EQ(c.op, ChangeOp::kUpdate);
  ASSERT_EQ(c.fields.size(), 1u);
  EXPECT_EQ(c.fields[0].field, "title");
  EXPECT_EQ(c.fields[0].old_value, "Receipt page");
  EXPECT_EQ(c.fields[0].new_value, "Receipt view");
  // diff wrote nothing.
  auto h = s->history("PAY");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->size(), 1u);
}

TEST_P(StoreConformance, PruneRemovesWhatThePlanLacksAndOnlyThen) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  std::string smaller = kPlan;
  smaller.erase(smaller.find("risks:"), smaller.find("sprints:") - smaller.find("risks:"));
  auto kept = s->apply(plan_from(smaller), opts());
  ASSERT_TRUE(kept);
  EXPECT_FALSE(kept->written);
  auto loaded = s->load("PAY");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->program.risks.size(), 1u);
  auto pruned = s->apply(plan_from(smaller), opts("2026-02-01T10:00:00Z", true));
  ASSERT_TRUE(pruned);
  EXPECT_TRUE(pruned->written);
  EXPECT_EQ(pruned->diff.deleted(), 1u);
  loaded = s->load("PAY");
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->program.risks.empty());
}

TEST_P(StoreConformance, StateTransitionsKeepTheirTimestamps) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  std::string moved = kPlan;
  moved.replace(moved.find("estimate: [1, 2, 4]}"), 20, "estimate: [1, 2, 4], state: In Progress}");
  auto r = s->apply(plan_from(moved), opts("2026-02-03T08:30:00Z"));
  ASSERT_TRUE(r) << r.error().to_string();
  auto loaded = s->load("PAY");
  ASSERT_TRUE(loaded);
  const auto& item = loaded->program.item(loaded->program.find_item("S2"));
  ASSERT_EQ(item.history.size(), 1u);
  EXPECT_EQ(item.history[0].state, "In Progress");
  EXPECT_EQ(item.history[0].at, at("2026-02-03T08:30:00Z"));
  // The plan without that history entry is still "no change": history is append-only.
  auto again = s->apply(plan_from(moved), opts("2026-02-04T08:30:00Z"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->written);
  // A plan with its own entry for the move keeps the plan's time.
  std::string done = kPlan;
  done.replace(done.find("estimate: [2, 3, 5], state: In Progress"), 39,
               "estimate: [2, 3, 5], state: Done");
  done.replace(done.find("history: [{state: In Progress, at: \"2026-01-07T09:00:00Z\"}]"), 59,
               "history: [{state: In Progress, at: \"2026-01-07T09:00:00Z\"}, {state: Done, at: "
               "\"2026-01-20T17:00:00Z\"}]");
  ASSERT_TRUE(s->apply(plan_from(done), opts("2026-02-05T08:30:00Z")));
  loaded = s->load("PAY");
  const auto& s1 = loaded->program.item(loaded->program.find_item("S1"));
  ASSERT_EQ(s1.history.size(), 2u);
  EXPECT_EQ(s1.history[1].at, at("2026-01-20T17:00:00Z"));
}

TEST_P(StoreConformance, HistoryRecordsWhoWhenAndWhat) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts("2026-02-01T10:00:00Z")));
  std::string changed = kPlan;
  changed.replace(changed.find("probability: 0.3"), 16, "probability: 0.6");
  auto o = opts("2026-02-10T10:00:00Z");
  o.actor = "bo";
  ASSERT_TRUE(s->apply(plan_from(changed), o));
  auto h = s->history("PAY");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].actor, "tester");
  EXPECT_EQ((*h)[1].revision, 2);
  EXPECT_EQ((*h)[1].actor, "bo");
  EXPECT_EQ((*h)[1].at, "2026-02-10T10:00:00Z");
  ASSERT_EQ((*h)[1].changes.size(), 1u);
  EXPECT_EQ((*h)[1].changes[0].kind, "risk");
  EXPECT_EQ((*h)[1].changes[0].key, "R1");
  ASSERT_EQ((*h)[1].changes[0].fields.size(), 1u);
  EXPECT_EQ((*h)[1].changes[0].fields[0].field, "probability");
  EXPECT_EQ((*h)[1].changes[0].fields[0].old_value.get<double>(), 0.3);
  EXPECT_EQ((*h)[1].changes[0].fields[0].new_value.get<double>(), 0.6);
  auto since = s->history("PAY", HistoryQuery{Date::parse("2026-02-05"), "", ""});
  ASSERT_TRUE(since);
  ASSERT_EQ(since->size(), 1u);
  EXPECT_EQ(since->front().revision, 2);
  auto of_item = s->history("PAY", HistoryQuery{std::nullopt, "item", "S1"});
  ASSERT_TRUE(of_item);
  ASSERT_EQ(of_item->size(), 1u);
  EXPECT_EQ(of_item->front().changes.front().op, ChangeOp::kCreate);
}

TEST_P(StoreConformance, StatusUpdatesDecisionsAndActionsAreStored) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  auto su = s->entity("PAY", "status_update", "2026-01-09/*/ana");
  ASSERT_TRUE(su);
  ASSERT_TRUE(su->has_value());
  EXPECT_EQ((*su)->body["summary"], "On track");
  auto dec = s->entity("PAY", "decision", "~2026-01-06/ana");
  ASSERT_TRUE(dec && dec->has_value());
  auto act = s->entity("PAY", "action", "~bo/*");
  ASSERT_TRUE(act && act->has_value());
  EXPECT_EQ((*act)->body["done"], false);
}

TEST_P(StoreConformance, StaleRevisionIsAConflictAndWritesNothing) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  std::string changed = kPlan;
  changed.replace(changed.find("Receipt page"), 12, "Receipt view");
  auto o = opts();
  o.expected_revision = 0;
  auto r = s->apply(plan_from(changed), o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "conflict");
  auto loaded = s->load("PAY");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->revision, 1);
  o.expected_revision = 1;
  EXPECT_TRUE(s->apply(plan_from(changed), o));
}

TEST_P(StoreConformance, SecondWriterWithAStaleVersionGetsAConflict) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a->apply(plan_from(kPlan), opts()));
  auto read_a = a->entity("PAY", "item", "S2");
  auto read_b = b->entity("PAY", "item", "S2");
  ASSERT_TRUE(read_a && read_a->has_value() && read_b && read_b->has_value());
  ojson body_b = (*read_b)->body;
  body_b["title"] = "Written by B";
  auto wb = b->put_entity("PAY", "item", "S2", body_b, (*read_b)->version, opts());
  ASSERT_TRUE(wb) << wb.error().to_string();
  EXPECT_EQ(*wb, 2);
  ojson body_a = (*read_a)->body;
  body_a["title"] = "Written by A";
  auto wa = a->put_entity("PAY", "item", "S2", body_a, (*read_a)->version, opts());
  ASSERT_FALSE(wa);
  EXPECT_EQ(wa.error().code, "conflict");
  auto now = a->entity("PAY", "item", "S2");
  EXPECT_EQ((*now)->body["title"], "Written by B");
}

TEST_P(StoreConformance, ConcurrentWritersNeverLoseAnUpdate) {
  {
    auto s = open();
    ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  }
  constexpr int kThreads = 4, kEach = 8;
  std::atomic<int> conflicts{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto s = Store::open(location_);
      if (!s) {
        ++failures;
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        for (int attempt = 0; attempt < 200; ++attempt) {
          auto e = (*s)->entity("PAY", "item", "S2");
          if (!e || !e->has_value()) {
            ++failures;
            return;
          }
          ojson body = (*e)->body;
          body["priority"] = body.value("priority", 500) + 1;
          auto w = (*s)->put_entity("PAY", "item", "S2", body, (*e)->version, opts());
          if (w) break;
          if (w.error().code != "conflict" && w.error().code != "store-busy") {
            ++failures;
            return;
          }
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(failures.load(), 0);
  auto s = open();
  auto e = s->entity("PAY", "item", "S2");
  ASSERT_TRUE(e && e->has_value());
  EXPECT_EQ((*e)->body["priority"], 500 + kThreads * kEach);
  EXPECT_EQ((*e)->version, 1 + kThreads * kEach);
}

TEST_P(StoreConformance, AWriteThatBreaksTheProgramIsRefused) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  auto e = s->entity("PAY", "item", "S2");
  ojson body = (*e)->body;
  body["team"] = "nobody";
  auto w = s->put_entity("PAY", "item", "S2", body, (*e)->version, opts());
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("nobody"), std::string::npos) << w.error().message;
  EXPECT_NE(w.error().where.pointer.find("/items/"), std::string::npos);
  auto loaded = s->load("PAY");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->revision, 1);
}

TEST_P(StoreConformance, AWriteInThePlansLooserSpellingIsStoredCanonical) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  auto e = s->entity("PAY", "person", "bo");
  ASSERT_TRUE(e && e->has_value());
  ojson body = (*e)->body;
  body["allocation"] = "80%";  // a plan may say "80%"; the canonical form is the number
  auto w = s->put_entity("PAY", "person", "bo", body, (*e)->version, opts());
  ASSERT_TRUE(w) << w.error().message;
  auto after = s->entity("PAY", "person", "bo");
  ASSERT_TRUE(after && after->has_value());
  EXPECT_EQ((*after)->body["allocation"], 80);
  // The same value in either spelling is no change: no new version, no new revision.
  auto again = s->put_entity("PAY", "person", "bo", body, *w, opts());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *w);
  auto history = s->history("PAY");
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 2u);
  // Every stored row reads with the canonical reader (export, delete and load use it).
  auto doc = s->load_document("PAY");
  ASSERT_TRUE(doc);
  Diagnostics diags;
  EXPECT_TRUE(plan::read_canonical_plan(nlohmann::json::parse(doc->dump()), "PAY", diags));
}

TEST_P(StoreConformance, OnlyProgramNamesTheChoice) {
  auto s = open();
  EXPECT_EQ(s->only_program().error().code, "program-not-found");
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  EXPECT_EQ(*s->only_program(), "PAY");
  std::string other = kPlan;
  other.replace(other.find("key: PAY"), 8, "key: OPS");
  ASSERT_TRUE(s->apply(plan_from(other), opts()));
  auto only = s->only_program();
  ASSERT_FALSE(only);
  EXPECT_EQ(only.error().code, "ambiguous-program");
  EXPECT_NE(only.error().message.find("OPS"), std::string::npos);
  auto ps = s->programs();
  ASSERT_TRUE(ps);
  ASSERT_EQ(ps->size(), 2u);
  EXPECT_EQ(ps->at(1).name, "Payments");
}

TEST_P(StoreConformance, BaselinesAreFrozenAndSnapshotsAreDaily) {
  auto s = open();
  ASSERT_TRUE(s->apply(plan_from(kPlan), opts()));
  Baseline b{"v1",
             0,
             "2026-02-01T10:00:00Z",
             "tester",
             ojson{{"finish", "2026-03-01"}},
             ojson{{"p85", "2026-03-10"}}};
  ASSERT_TRUE(s->save_baseline("PAY", b));
  auto dup = s->save_baseline("PAY", b);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "conflict");
  auto got = s->baseline("PAY", "v1");
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->revision, 1);
  EXPECT_EQ((*got)->schedule["finish"], "2026-03-01");
  ASSERT_TRUE(s->put_forecast_snapshot("PAY", *Date::parse("2026-02-01"), ojson{{"p85", 1}}));
  ASSERT_TRUE(s->put_forecast_snapshot("PAY", *Date::parse("2026-02-02"), ojson{{"p85", 2}}));
  ASSERT_TRUE(s->put_forecast_snapshot("PAY", *Date::parse("2026-02-02"), ojson{{"p85", 3}}));
  auto snaps = s->forecast_snapshots("PAY", Date::parse("2026-02-02"));
  ASSERT_TRUE(snaps);
  ASSERT_EQ(snaps->size(), 1u);
  EXPECT_EQ(snaps->front().second["p85"], 3);
}

TEST_P(StoreConformance, LargeProgramRoundTrips) {
  std::string yaml = "program: {key: BIG, start: 2026-01-05}\nteams: [{key: t}]\nitems:\n";
  for (int i = 0; i < 2000; ++i)
    yaml += fmt::format("  - {{key: I{}, title: \"Item {}\", team: t, estimate: [1, 2, {}]}}\n", i,
                        i, 3 + i % 5);
  yaml += "dependencies:\n";
  for (int i = 1; i < 2000; i += 3)
    yaml += fmt::format("  - {{from: I{}, to: I{}}}\n", i - 1, i);
  Program plan = plan_from(yaml);
  auto s = open();
  auto r = s->apply(plan, opts());
  ASSERT_TRUE(r) << r.error().to_string();
  auto loaded = s->load("BIG");
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_TRUE(loaded->program.same_content(plan));
  EXPECT_FALSE(s->apply(plan, opts())->written);
}

TEST_P(StoreConformance, WebhooksAreUniquePerSourceAndProjectAndDeliveriesOnce) {
  auto s = open();
  ASSERT_TRUE(s->add_webhook({"github", "acme/pay", "PAY", "s3cret", ""}));
  ASSERT_TRUE(s->add_webhook({"jira", "PAY", "PAY", "other", "2026-02-01T10:00:00Z"}));
  auto dup = s->add_webhook({"github", "acme/pay", "OPS", "x", ""});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "webhook-exists");
  EXPECT_NE(dup.error().message.find("PAY"), std::string::npos);
  auto all = s->webhooks();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).source, "github");
  EXPECT_EQ(all->at(1).created_at, "2026-02-01T10:00:00Z");
  auto one = s->webhook("github", "acme/pay");
  ASSERT_TRUE(one && *one);
  EXPECT_EQ((*one)->secret, "s3cret");
  EXPECT_EQ((*one)->program, "PAY");
  EXPECT_FALSE(*s->webhook("github", "acme/other"));

  EXPECT_FALSE(*s->delivery_outcome("github", "d-1"));
  ASSERT_TRUE(s->record_delivery("github", "d-1", "PAY", "applied", ""));
  ASSERT_TRUE(s->record_delivery("github", "d-1", "PAY", "unchanged", ""));  // ignored
  EXPECT_EQ(**s->delivery_outcome("github", "d-1"), "applied");
  EXPECT_FALSE(*s->delivery_outcome("jira", "d-1"));
  // Deliveries received before `forget_before` are forgotten (here: all of them).
  ASSERT_TRUE(s->record_delivery("jira", "d-2", "PAY", "applied", "9999-01-01T00:00:00Z"));
  EXPECT_FALSE(*s->delivery_outcome("github", "d-1"));

  // The newest event time of an item's applied deliveries.
  ASSERT_TRUE(s->record_delivery("github", "e-1", "PAY", "updated", "", "acme/pay#1",
                                 "2026-03-02T09:00:00Z"));
  ASSERT_TRUE(s->record_delivery("github", "e-2", "PAY", "stale", "", "acme/pay#1",
                                 "2026-03-04T09:00:00Z"));
  ASSERT_TRUE(s->record_delivery("github", "e-3", "PAY", "unchanged", "", "acme/pay#1",
                                 "2026-03-03T09:00:00Z"));
  ASSERT_TRUE(s->record_delivery("github", "e-4", "OPS", "updated", "", "acme/pay#1",
                                 "2026-03-09T09:00:00Z"));
  const std::vector<std::string> applied = {"created", "updated", "unchanged"};
  EXPECT_EQ(*s->last_event_at("github", "PAY", "acme/pay#1", applied), "2026-03-03T09:00:00Z");
  EXPECT_EQ(*s->last_event_at("github", "PAY", "acme/pay#2", applied), "");
  EXPECT_EQ(*s->last_event_at("jira", "PAY", "acme/pay#1", applied), "");

  EXPECT_TRUE(*s->remove_webhook("github", "acme/pay"));
  EXPECT_FALSE(*s->remove_webhook("github", "acme/pay"));
  EXPECT_EQ(s->webhooks()->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(std::string("sqlite")));
INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformance, ::testing::Values(std::string("postgresql")));

}  // namespace
}  // namespace cairn::store
