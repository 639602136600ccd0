#include "server/webhooks.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>

#include "base/codes.h"
#include "io/issue_event.h"
#include "io/jira/jira_csv.h"
#include "plan/canonical.h"
#include "plan/plan.h"
#include "server/session.h"
#include "server/view_cache.h"

namespace cairn::server {
namespace {

constexpr int64_t kKeepDeliveriesSeconds = 30 * 86400;  // then a redelivery is judged by content
constexpr int kWriteAttempts = 4;                       // a write racing another is tried again
constexpr const char* kCancelled = "Cancelled";         // the state of a deleted issue's item
// Outcomes of an issue event (answered and recorded with the delivery).
constexpr const char* kCreated = "created";
constexpr const char* kUpdated = "updated";
constexpr const char* kCancelledOutcome = "cancelled";
constexpr const char* kUnchanged = "unchanged";
constexpr const char* kStale = "stale";

struct Source {
  std::string_view name;
  const char* signature;  // the header with "sha256=<hex>"
  const char* delivery;   // the header with the delivery id
  const char* example;    // a project, for messages
};
constexpr Source kGithub{"github", "X-Hub-Signature-256", "X-GitHub-Delivery", "owner/repo"};
constexpr Source kJira{"jira", "X-Hub-Signature", "X-Atlassian-Webhook-Identifier", "PAY"};

// Item fields the tracker owns: the event's value replaces the stored one, and its absence
// removes it.
constexpr const char* kReplaced[] = {"title", "kind", "link", "labels"};
// Item fields the tracker may give: taken when the event has one, else the stored value stays (an
// estimate made in Cairn stays until the tracker has one).
constexpr const char* kFilled[] = {"priority", "points", "estimate", "remaining", "due"};

void payload_problem(Call& c, const Error& e) {
  problem(c.res, 400, "Bad payload", e.message, e.where.pointer, {{"code", e.code}});
}

// The time of the item's last state change; nullopt without history.
std::optional<DateTime> last_change(const Json& item) {
  auto h = item.find("history");
  if (h == item.end() || !h->is_array() || h->empty() || !h->back().contains("at")) return {};
  return DateTime::parse(h->back()["at"].get<std::string>());
}

// The state names of a team (canonical JSON): its workflow, or the default one.
bool in_workflow(const Json& team, const std::string& state) {
  if (auto wf = team.find("workflow"); wf != team.end() && wf->is_array() && !wf->empty()) {
    for (const auto& s : *wf)
      if (s.value("name", "") == state) return true;
    return false;
  }
  for (const auto& s : default_workflow())
    if (s.name == state) return true;
  return false;
}

// The category of `state`: as the event's team has it (Jira's statusCategory, the GitHub
// importer's states), else guessed from the name as the Jira importer does.
StateCategory category_of(const std::string& state, const Json& event_team) {
  for (const auto& s : event_team.value("workflow", Json::array()))
    if (s.value("name", "") == state)
      for (auto c : {StateCategory::kTodo, StateCategory::kInProgress, StateCategory::kDone})
        if (s.value("category", "") == to_string(c)) return c;
  return io::guess_state_category(state);
}

// Adds `state` to the team's workflow (the default one made explicit first), among the states of
// its category.
void add_state(Team& team, const std::string& state, StateCategory cat) {
  if (team.workflow.empty()) team.workflow = default_workflow();
  for (const auto& s : team.workflow)
    if (s.name == state) return;  // there already (another writer added it meanwhile)
  auto pos = team.workflow.end();
  for (auto it = team.workflow.begin(); it != team.workflow.end(); ++it) {
    if (it->category == cat) pos = it + 1;
    if (it->category > cat && pos == team.workflow.end()) {
      pos = it;
      break;
    }
  }
  team.workflow.insert(pos, WorkflowState{state, cat, cat == StateCategory::kInProgress, {}});
}

// What a delivery makes of the item.
struct Next {
  Json item;
  std::string team;    // the item's team (the stored one for an item that exists)
  std::string state;   // its state after the event
  bool stale = false;  // the event is older than the item's last state change: nothing changes
};

// A new item is the importer's; a stored one gets the tracker's fields and, when its state
// changes, a history entry at the event's time.
Next next_item(const std::optional<store::EntityRecord>& cur, const io::IssueEvent& ev,
               bool person_known) {
  Next n;
  const bool deleted = ev.action == io::IssueAction::kDelete;
  const std::string state = deleted ? kCancelled : ev.item.value("state", "");
  if (!cur) {
    n.item = ev.item;
    if (!person_known) n.item.erase("assignee");
    n.item.erase("allocate");  // people the program may not have
    n.team = n.item.value("team", "");
    n.state = n.item.value("state", "");
    return n;
  }
  Json body = cur->body;
  n.team = body.value("team", "");
  const std::string old_state = body.value("state", "");
  if (auto last = last_change(body); last && ev.at < *last) {
    n.stale = true;
    n.item = body;
    n.state = old_state;
    return n;
  }
  if (!deleted) {
    for (const char* f : kReplaced) {
      if (ev.item.contains(f))
        body[f] = ev.item[f];
      else
        body.erase(f);
    }
    for (const char* f : kFilled)
      if (ev.item.contains(f)) body[f] = ev.item[f];
    if (!ev.item.contains("allocate")) {  // several assignees: the stored one stays
      if (!ev.item.contains("assignee"))
        body.erase("assignee");
      else if (person_known)
        body["assignee"] = ev.item["assignee"];
    }
  }
  if (!state.empty() && state != old_state) {
    body["state"] = state;
    body["history"].push_back({{"state", state}, {"at", ev.at.to_string()}});
  }
  n.state = body.value("state", "");
  n.item = std::move(body);
  return n;
}

struct Written {
  bool written = false;
  int64_t revision = 0;
};

// The write when the item's team lacks the state (or the program lacks the team): the whole
// program with the team added or its workflow extended and the item, applied at the revision read
// (one transaction; a write in between is a `conflict`).
Result<Written> apply_with_team(store::Store& s, const std::string& program, const Next& n,
                                const io::IssueEvent& ev, const store::ApplyOptions& opts) {
  auto loaded = s.load(program);
  if (!loaded) return std::unexpected(loaded.error());
  Program& p = loaded->program;
  auto team =
      std::find_if(p.teams.begin(), p.teams.end(), [&](const Team& t) { return t.key == n.team; });
  if (team != p.teams.end()) add_state(*team, n.state, category_of(n.state, ev.team));
  Json doc = plan::plan_to_json(p);
  if (team == p.teams.end()) doc["teams"].push_back(ev.team);
  Json& items = doc["items"];
  const std::string key = n.item.value("key", "");
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const Json& i) { return i.value("key", "") == key; });
  if (it != items.end())
    *it = n.item;
  else
    items.push_back(n.item);
  Diagnostics diags;
  auto plan = plan::read_canonical_plan_text(doc.dump(), program, diags);
  if (!plan) return std::unexpected(plan.error());
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError)
      return make_error(
          codes::kInvalidResult,
          fmt::format("the program after this event would be invalid: {} [{}]", d.message, d.id),
          d.where, d.hint);
  store::ApplyOptions o = opts;
  o.expected_revision = loaded->revision;
  auto r = s.apply(plan->program, o);
  if (!r) return std::unexpected(r.error());
  return Written{r->written, r->revision};
}

struct Outcome {
  std::string key;
  std::string result;  // created, updated, cancelled, unchanged, stale, absent
  std::string state;
  int64_t revision = 0;
};

// Writes what the event makes of its item; a write that races another is tried again.
Result<Outcome> write_event(store::Store& s, const std::string& source, const std::string& program,
                            const io::IssueEvent& ev, const store::ApplyOptions& opts) {
  const std::string key = ev.item.value("key", "");
  // The newest event applied to this item before: an older one (a late redelivery) is stale even
  // when it changes no state (a retitle since would otherwise be undone).
  auto applied =
      s.last_event_at(source, program, key, {kCreated, kUpdated, kCancelledOutcome, kUnchanged});
  if (!applied) return std::unexpected(applied.error());
  const auto last_applied = DateTime::parse(*applied);
  for (int attempt = 1;; ++attempt) {
    auto cur = s.entity(program, "item", key);
    if (!cur) return std::unexpected(cur.error());
    auto rev = s.revision(program);
    if (!rev) return std::unexpected(rev.error());
    Outcome out{key, "", "", rev->value_or(0)};
    if (!*cur && ev.action == io::IssueAction::kDelete) {
      out.result = "absent";
      return out;
    }
    if (*cur && last_applied && ev.at < *last_applied) {
      out.result = kStale;
      out.state = (**cur).body.value("state", "");
      return out;
    }
    bool person_known = false;
    if (auto a = ev.item.find("assignee"); a != ev.item.end() && a->is_string()) {
      auto person = s.entity(program, "person", a->get<std::string>());
      if (!person) return std::unexpected(person.error());
      person_known = person->has_value();
    }
    const Next n = next_item(*cur, ev, person_known);
    out.state = n.state;
    if (n.stale) {
      out.result = kStale;
      return out;
    }
    auto team = s.entity(program, "team", n.team);
    if (!team) return std::unexpected(team.error());
    Result<Written> w;
    if (*team && in_workflow((**team).body, n.state)) {
      const int64_t version = *cur ? (**cur).version : 0;
      auto v = s.put_entity(program, "item", key, n.item, version, opts);
      if (v) {
        w = Written{*v != version, 0};
        auto now = s.revision(program);
        if (!now) return std::unexpected(now.error());
        w->revision = now->value_or(0);
      } else {
        w = std::unexpected(v.error());
      }
    } else {
      w = apply_with_team(s, program, n, ev, opts);
    }
    if (w) {
      out.revision = w->revision;
      out.result = !w->written                             ? kUnchanged
                   : !*cur                                 ? kCreated
                   : ev.action == io::IssueAction::kDelete ? kCancelledOutcome
                                                           : kUpdated;
      return out;
    }
    if (w.error().code != codes::kConflict || attempt == kWriteAttempts)
      return std::unexpected(w.error());
  }
}

std::string hmac_hex(std::string_view secret, std::string_view body) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

void receive(Call& c, store::Store& s, ViewCache& cache, const Source& src) {
  const std::string source(src.name);
  // 1. The payload and the webhook its project picks.
  if (c.req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded"))
    return problem(c.res, 415, "Unsupported media type",
                   "the payload is form-encoded; set the webhook's content type to "
                   "application/json",
                   "Content-Type");
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(c.res, body.error());
  auto project = source == "github" ? io::github_project(*body) : io::jira_project(*body);
  if (!project) return payload_problem(c, project.error());
  std::string key = *project;  // GitHub's repository names are case-insensitive: stored lower
  if (source == "github")
    for (char& ch : key)
      ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  auto hook = s.webhook(source, key);
  if (!hook) return store_error(c.res, hook.error());
  if (!*hook)
    return problem(c.res, 404, "Unknown project",
                   fmt::format("no {} webhook is registered for '{}'; register it with: cairn "
                               "webhook add --db URL --program PROGRAM --source {} --project {} "
                               "(the shared secret on stdin)",
                               source, *project, source, *project),
                   source == "github" ? "/repository/full_name" : "/issue/fields/project/key",
                   {{"code", codes::kWebhookNotFound}});
  // 2. The signature: the raw body under the registered secret.
  if (!signature_matches((**hook).secret, c.req.body, c.req.get_header_value(src.signature)))
    return problem(c.res, 401, "Bad signature",
                   fmt::format("{} is {} or does not match the body under the secret registered "
                               "for {} '{}'; give {} the secret given to cairn webhook add",
                               src.signature, c.req.has_header(src.signature) ? "wrong" : "missing",
                               source, *project, source == "github" ? "GitHub" : "Jira"),
                   src.signature, {{"code", codes::kWebhookSignature}});
  c.who.user = "webhook:" + source;
  c.who.grants.clear();
  const std::string& program = (**hook).program;
  // 3. The event.
  const std::string event = c.req.get_header_value("X-GitHub-Event");
  if (source == "github" && event == "ping") {
    c.audit_detail = "ping";
    return send_json(c.res, {{"pong", true}});
  }
  if (source == "github" && event != "issues") {
    c.audit_detail = "ignored event " + event;
    return send_json(c.res,
                     {{"ignored", true},
                      {"event", event},
                      {"reason", "only issues events change items; send only those"}},
                     202);
  }
  const std::string delivery = c.req.get_header_value(src.delivery);
  if (delivery.empty())
    return problem(c.res, 400, "No delivery id",
                   std::string(src.delivery) + " is missing; " + std::string(src.name) +
                       " sends it with every delivery",
                   src.delivery);
  auto seen = s.delivery_outcome(source, delivery);
  if (!seen) return store_error(c.res, seen.error());
  if (*seen) {
    c.audit_detail = "delivery " + delivery + ": duplicate";
    return send_json(c.res, {{"duplicate", true}, {"delivery", delivery}, {"outcome", **seen}});
  }
  auto ev = source == "github" ? io::github_issue_event(*body) : io::jira_issue_event(*body);
  if (!ev) return payload_problem(c, ev.error());
  Json answer = {{"delivery", delivery}, {"event", ev->event}, {"program", program}};
  std::string outcome;
  if (ev->action == io::IssueAction::kIgnore) {
    outcome = "ignored";
    answer["ignored"] = true;
    answer["reason"] = ev->why;
    c.res.status = 202;
  } else {
    // 4. The write.
    store::ApplyOptions opts;
    opts.actor = c.who.user;
    opts.source = "webhook";
    auto out = write_event(s, source, program, *ev, opts);
    if (!out) {
      const std::string& code = out.error().code;
      const bool store_side = code == codes::kConflict || code == codes::kStoreBusy ||
                              code == codes::kStoreError || code == codes::kStoreCorrupt ||
                              code == codes::kProgramNotFound;
      if (!store_side)  // the item or the program it would make is not valid
        return problem(
            c.res, 422, "Invalid item",
            "the event's item cannot be written to program " + program + ": " + out.error().message,
            "body", {{"code", out.error().code}});
      return store_error(c.res, out.error());
    }
    outcome = out->result;
    answer["item"] = out->key;
    answer["outcome"] = outcome;
    answer["state"] = out->state;
    answer["revision"] = out->revision;
    if (outcome == kCreated || outcome == kUpdated || outcome == kCancelledOutcome)
      cache.refresh(program, out->revision);
  }
  c.audit_detail = fmt::format("delivery {} {}: {} {}", delivery, ev->event,
                               answer.value("item", std::string()), outcome);
  const bool about_item = ev->action != io::IssueAction::kIgnore;
  if (auto r = s.record_delivery(source, delivery, program, outcome,
                                 iso_from_now(-kKeepDeliveriesSeconds),
                                 about_item ? answer.value("item", std::string()) : std::string(),
                                 about_item ? ev->at.to_string() : std::string());
      !r)
    return store_error(c.res, r.error());
  send_json(c.res, answer, c.res.status == 202 ? 202 : 200);
}

}  // namespace

bool signature_matches(std::string_view secret, std::string_view body, std::string_view header) {
  const std::string want = "sha256=" + hmac_hex(secret, body);
  std::string got(header);
  for (char& ch : got)
    ch = static_cast<char>(ch >= 'A' && ch <= 'F' ? ch - 'A' + 'a' : ch);
  return got.size() == want.size() && CRYPTO_memcmp(got.data(), want.data(), want.size()) == 0;
}

void receive_webhook(Call& c, store::Store& s, ViewCache& cache, std::string_view source) {
  receive(c, s, cache, source == "github" ? kGithub : kJira);
}

}  // namespace cairn::server
