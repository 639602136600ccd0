#include "io/github/github_issues.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/codes.h"

namespace cairn::io {
namespace {

using nlohmann::json;

constexpr const char* kOpen = "Open";
constexpr const char* kInProgress = "In Progress";
constexpr const char* kClosed = "Closed";
constexpr int kMaxDepth = 256;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// Nesting depth of the JSON text (brackets outside strings), to refuse pathological input before
// building the tree.
int max_depth(std::string_view text) {
  int depth = 0, worst = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      worst = std::max(worst, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return worst;
}

Location line_col(std::string_view text, size_t byte, const std::string& name) {
  Location loc{name, 1, 1, {}};
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

bool in_progress_label(const std::string& l) {
  return l.find("in progress") != std::string::npos || l.find("in-progress") != std::string::npos ||
         l == "doing" || l == "wip" || l == "status: doing";
}

// "owner/repo" from an API or web URL, or empty.
std::string repo_of(const std::string& url) {
  for (std::string_view marker : {"api.github.com/repos/", "github.com/"}) {
    const size_t at = url.find(marker);
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(url).substr(at + marker.size());
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos) continue;
    const size_t end = rest.find('/', slash + 1);
    return std::string(rest.substr(0, end));
  }
  return {};
}

struct Event {
  DateTime at;
  std::string kind;   // closed, reopened, labeled, unlabeled
  std::string label;  // lower-case label name for (un)labeled
};

// A reference to another issue in a body: "#12" or "owner/repo#12".
struct BodyRef {
  std::string repo;  // empty: the same repository
  long number = 0;
  bool this_first = false;  // "blocks #12": this issue comes first
};

std::vector<BodyRef> body_refs(const std::string& body) {
  std::vector<BodyRef> out;
  const std::string l = lower(body);
  for (auto [phrase, this_first] : {std::pair{"depends on", false}, std::pair{"blocked by", false},
                                    std::pair{"blocks", true}}) {
    const std::string_view ph(phrase);
    for (size_t at = l.find(ph); at != std::string::npos; at = l.find(ph, at + 1)) {
      if (at > 0 && std::isalnum(static_cast<unsigned char>(l[at - 1]))) continue;
      size_t i = at + ph.size();
      // A list: "#1, #2 and org/repo#3".
      for (;;) {
        while (i < l.size() && (l[i] == ' ' || l[i] == ':' || l[i] == ','))
          ++i;
        if (l.compare(i, 4, "and ") == 0) i += 4;
        size_t j = i;
        while (j < l.size() && (std::isalnum(static_cast<unsigned char>(l[j])) || l[j] == '-' ||
                                l[j] == '_' || l[j] == '.' || l[j] == '/'))
          ++j;
        if (j >= l.size() || l[j] != '#') break;
        std::string repo = body.substr(i, j - i);
        if (!repo.empty() && repo.find('/') == std::string::npos) break;
        size_t k = j + 1;
        long n = 0;
        while (k < l.size() && std::isdigit(static_cast<unsigned char>(l[k])) && n < 100000000)
          n = n * 10 + (l[k++] - '0');
        if (k == j + 1) break;
        out.push_back({repo, n, this_first});
        i = k;
      }
    }
  }
  return out;
}

class Reader {
 public:
  Reader(const std::string& name, const ImportOptions& options, Diagnostics& diags)
      : name_(name), options_(options), diags_(diags) {}

  Result<ImportResult> run(const json& doc) {
    out_.format = ImportFormat::kGithubJson;
    out_.file = name_;
    Program& p = out_.program;
    p.key = options_.program_key.empty() ? file_stem(name_) : options_.program_key;
    p.name = options_.program_name.empty() ? p.key : options_.program_name;

    const json* issues = &doc;
    std::string base = "";
    if (doc.is_object()) {
      if (!doc.contains("issues") || !doc["issues"].is_array())
        return err("", "the document is an object without an \"issues\" array",
                   "give the issues as a JSON array, or as {\"issues\": [...], \"events\": [...]}");
      issues = &doc["issues"];
      base = "/issues";
      if (doc.contains("events")) {
        if (!doc["events"].is_array()) return err("/events", "\"events\" is not an array", "");
        if (auto r = read_events(doc["events"], "/events", nullptr); !r)
          return std::unexpected(r.error());
      }
    } else if (!doc.is_array()) {
      return err("", "the document is not a JSON array of issues",
                 "save the output of GET /repos/{owner}/{repo}/issues?state=all");
    }

    for (size_t i = 0; i < issues->size(); ++i) {
      if (auto r = read_issue((*issues)[i], fmt::format("{}/{}", base, i)); !r)
        return std::unexpected(r.error());
    }
    if (skipped_prs_ > 0)
      diags_.info(codes::kGithubPullRequestSkipped,
                  fmt::format("{} pull requests in the list were skipped", skipped_prs_),
                  Location{name_, 0, 0, base}, "only issues become work items");
    finish();
    return std::move(out_);
  }

 private:
  std::unexpected<Error> err(const std::string& pointer, std::string message, std::string hint) {
    // The pointer is in the message too: file locations print without it.
    if (!pointer.empty()) message += fmt::format(" (at {})", pointer);
    return make_error(codes::kInvalidGithubJson, std::move(message), Location{name_, 0, 0, pointer},
                      std::move(hint));
  }

  Result<std::string> str(const json& o, const char* field, const std::string& ptr, bool required) {
    if (!o.contains(field) || o[field].is_null()) {
      if (required) return err(ptr + "/" + field, fmt::format("\"{}\" is missing", field), "");
      return std::string();
    }
    if (!o[field].is_string())
      return err(ptr + "/" + field, fmt::format("\"{}\" is not a string", field), "");
    return o[field].get<std::string>();
  }

  Result<std::optional<DateTime>> when(const json& o, const char* field, const std::string& ptr) {
    auto s = str(o, field, ptr, false);
    if (!s) return std::unexpected(s.error());
    if (s->empty()) return std::optional<DateTime>{};
    auto d = DateTime::parse(*s);
    if (!d)
      return err(ptr + "/" + field, fmt::format("\"{}\" is not an ISO 8601 time: '{}'", field, *s),
                 "GitHub writes times like 2024-03-12T15:14:00Z");
    return d;
  }

  // Events of one issue (`issue` given) or of many (each event names its issue).
  Result<void> read_events(const json& arr, const std::string& ptr, const std::string* issue) {
    for (size_t i = 0; i < arr.size(); ++i) {
      const json& e = arr[i];
      const std::string ep = fmt::format("{}/{}", ptr, i);
      if (!e.is_object()) return err(ep, "an event is not an object", "");
      auto kind = str(e, "event", ep, false);
      if (!kind) return std::unexpected(kind.error());
      if (*kind != "closed" && *kind != "reopened" && *kind != "labeled" && *kind != "unlabeled")
        continue;
      auto at = when(e, "created_at", ep);
      if (!at) return std::unexpected(at.error());
      if (!*at) continue;
      Event ev{**at, *kind, {}};
      if (e.contains("label") && e["label"].is_object() && e["label"].contains("name") &&
          e["label"]["name"].is_string())
        ev.label = lower(e["label"]["name"].get<std::string>());
      std::string target;
      if (issue != nullptr) {
        target = *issue;
      } else {
        if (!e.contains("issue") || !e["issue"].is_object() || !e["issue"].contains("number") ||
            !e["issue"]["number"].is_number_integer())
          return err(ep + "/issue", "an event does not name its issue (issue.number)", "");
        std::string repo;
        if (e["issue"].contains("repository_url") && e["issue"]["repository_url"].is_string())
          repo = repo_of(e["issue"]["repository_url"].get<std::string>());
        target = key_of(repo, e["issue"]["number"].get<long>());
      }
      events_[target].push_back(std::move(ev));
    }
    return {};
  }

  std::string repo_key(const std::string& repo) const {
    return options_.key_prefix.empty() ? repo : options_.key_prefix;
  }
  std::string key_of(const std::string& repo, long number) const {
    return fmt::format("{}#{}", repo_key(repo), number);
  }

  TeamId team_for(const std::string& repo) {
    const std::string key = repo_key(repo).empty() ? out_.program.key : repo_key(repo);
    auto [it, fresh] = teams_.emplace(key, static_cast<uint32_t>(out_.program.teams.size()));
    if (fresh) {
      Team t;
      t.key = key;
      t.name = repo.empty() ? key : repo;
      t.method = TeamMethod::kKanban;
      t.workflow = {{kOpen, StateCategory::kTodo, false, std::nullopt},
                    {kInProgress, StateCategory::kInProgress, true, std::nullopt},
                    {kClosed, StateCategory::kDone, false, std::nullopt}};
      out_.program.teams.push_back(std::move(t));
    }
    return TeamId{it->second};
  }

  PersonId person_for(const std::string& login, TeamId team) {
    auto [it, fresh] = people_.emplace(login, static_cast<uint32_t>(out_.program.people.size()));
    if (fresh) {
      Person p;
      p.key = p.name = login;
      p.team = team;
      out_.program.people.push_back(std::move(p));
    }
    return PersonId{it->second};
  }

  Result<void> read_issue(const json& o, const std::string& ptr) {
    if (!o.is_object()) return err(ptr, "an issue is not an object", "");
    if (o.contains("pull_request") && !o["pull_request"].is_null()) {
      ++skipped_prs_;
      return {};
    }
    if (!o.contains("number") || !o["number"].is_number_integer())
      return err(ptr + "/number", "the issue has no integer \"number\"", "");
    const long number = o["number"].get<long>();
    auto title = str(o, "title", ptr, false);
    auto state = str(o, "state", ptr, false);
    auto url = str(o, "html_url", ptr, false);
    auto repo_url = str(o, "repository_url", ptr, false);
    auto body = str(o, "body", ptr, false);
    for (auto* r : {&title, &state, &url, &repo_url, &body})
      if (!*r) return std::unexpected(r->error());
    if (!state->empty() && *state != "open" && *state != "closed")
      return err(ptr + "/state", fmt::format("state is '{}', not open or closed", *state), "");
    auto created = when(o, "created_at", ptr);
    if (!created) return std::unexpected(created.error());
    auto closed = when(o, "closed_at", ptr);
    if (!closed) return std::unexpected(closed.error());
    auto updated = when(o, "updated_at", ptr);
    if (!updated) return std::unexpected(updated.error());

    std::string repo = repo_of(*repo_url);
    if (repo.empty()) repo = repo_of(*url);
    Program& p = out_.program;
    WorkItem it;
    it.key = key_of(repo, number);
    if (repo_key(repo).empty()) it.key = fmt::format("#{}", number);
    const uint32_t index = static_cast<uint32_t>(p.items.size());
    if (!items_.emplace(it.key, index).second)
      return make_error(codes::kDuplicateKey, fmt::format("issue {} appears twice", it.key),
                        Location{name_, 0, 0, ptr + "/number"}, "list each issue once");
    it.title = *title;
    it.link = url->empty() ? it.key : *url;
    it.team = team_for(repo);
    it.created = *created;
    out_.sources.set(EntityKind::kItem, index, {}, Location{name_, 0, 0, ptr});

    bool labeled_in_progress = false;
    if (o.contains("labels")) {
      if (!o["labels"].is_array()) return err(ptr + "/labels", "\"labels\" is not an array", "");
      for (size_t l = 0; l < o["labels"].size(); ++l) {
        const json& lab = o["labels"][l];
        std::string label;
        if (lab.is_string())
          label = lab.get<std::string>();
        else if (lab.is_object() && lab.contains("name") && lab["name"].is_string())
          label = lab["name"].get<std::string>();
        else
          return err(fmt::format("{}/labels/{}", ptr, l), "a label has no name", "");
        apply_label(it, label, labeled_in_progress);
        it.labels.push_back(std::move(label));
      }
    }
    const bool is_closed = *state == "closed" || (state->empty() && closed->has_value());
    it.state = is_closed ? kClosed : (labeled_in_progress ? kInProgress : kOpen);

    // Assignees.
    std::vector<std::string> logins;
    auto login_of = [&](const json& a, const std::string& ap) -> Result<void> {
      if (a.is_null()) return {};
      if (!a.is_object() || !a.contains("login") || !a["login"].is_string())
        return err(ap, "an assignee has no \"login\"", "");
      const std::string l = a["login"].get<std::string>();
      if (std::find(logins.begin(), logins.end(), l) == logins.end()) logins.push_back(l);
      return {};
    };
    if (o.contains("assignee"))
      if (auto r = login_of(o["assignee"], ptr + "/assignee"); !r) return r;
    if (o.contains("assignees") && !o["assignees"].is_null()) {
      if (!o["assignees"].is_array())
        return err(ptr + "/assignees", "\"assignees\" is not an array", "");
      for (size_t a = 0; a < o["assignees"].size(); ++a)
        if (auto r = login_of(o["assignees"][a], fmt::format("{}/assignees/{}", ptr, a)); !r)
          return r;
    }
    if (!logins.empty()) {
      if (logins.size() == 1)
        it.assignee = person_for(logins[0], it.team);
      else
        for (const auto& l : logins)
          it.allocations.push_back({{person_for(l, it.team)}});
    }

    // Milestone.
    if (o.contains("milestone") && !o["milestone"].is_null()) {
      const json& m = o["milestone"];
      const std::string mp = ptr + "/milestone";
      if (!m.is_object() || !m.contains("number") || !m["number"].is_number_integer())
        return err(mp, "the milestone has no integer \"number\"", "");
      auto mtitle = str(m, "title", mp, false);
      if (!mtitle) return std::unexpected(mtitle.error());
      auto due = when(m, "due_on", mp);
      if (!due) return std::unexpected(due.error());
      const std::string mkey =
          fmt::format("{}/milestones/{}", repo_key(repo).empty() ? p.key : repo_key(repo),
                      m["number"].get<long>());
      auto [mit, fresh] = milestones_.emplace(mkey, static_cast<uint32_t>(p.milestones.size()));
      if (fresh) {
        Milestone ms;
        ms.key = mkey;
        ms.name = mtitle->empty() ? mkey : *mtitle;
        if (*due) ms.deadline = (*due)->date();
        p.milestones.push_back(std::move(ms));
      }
      p.milestones[mit->second].items.emplace_back(index);
    }

    // Sub-issue parent, where the API gives it.
    if (auto parent = str(o, "parent_issue_url", ptr, false); parent && !parent->empty()) {
      const size_t hash = parent->rfind('/');
      if (hash != std::string::npos) {
        const std::string num = parent->substr(hash + 1);
        const std::string prepo = repo_of(*parent);
        if (!num.empty() && num.size() < 10 && std::all_of(num.begin(), num.end(), ::isdigit))
          parent_refs_.push_back({index, prepo.empty() || prepo == repo
                                             ? key_of(repo, std::stol(num))
                                             : fmt::format("{}#{}", prepo, num)});
      }
    }
    for (const BodyRef& r : body_refs(*body)) {
      const std::string other = r.repo.empty() || r.repo == repo
                                    ? key_of(repo, r.number)
                                    : fmt::format("{}#{}", r.repo, r.number);
      body_links_.push_back({index, other, r.this_first});
    }

    if (o.contains("timeline") || o.contains("events")) {
      const char* field = o.contains("timeline") ? "timeline" : "events";
      if (!o[field].is_array())
        return err(ptr + "/" + field, fmt::format("\"{}\" is not an array", field), "");
      if (auto r = read_events(o[field], ptr + "/" + field, &it.key); !r) return r;
    }
    extra_.push_back({*updated, *closed});
    auto latest = std::max({created->value_or(DateTime{}), updated->value_or(DateTime{}),
                            closed->value_or(DateTime{})});
    if (latest.seconds != 0 && (!latest_ || latest > *latest_)) latest_ = latest;
    if (*created && (!earliest_ || **created < *earliest_)) earliest_ = *created;
    p.items.push_back(std::move(it));
    return {};
  }

  void apply_label(WorkItem& it, const std::string& label, bool& in_progress) {
    const std::string l = lower(label);
    if (in_progress_label(l)) in_progress = true;
    if (l == "bug" || l == "type: bug" || l == "kind/bug" || l == "type/bug")
      it.kind = WorkItemKind::kBug;
    else if (l == "epic" || l == "type: epic")
      it.kind = WorkItemKind::kEpic;
    else if ((l == "enhancement" || l == "feature" || l == "story" || l == "type: feature" ||
              l == "kind/feature") &&
             it.kind == WorkItemKind::kTask)
      it.kind = WorkItemKind::kStory;
    static const std::pair<const char*, int> kPriorities[] = {{"p0", 900},
                                                              {"p1", 700},
                                                              {"p2", 500},
                                                              {"p3", 300},
                                                              {"priority: critical", 900},
                                                              {"priority: high", 700},
                                                              {"priority: medium", 500},
                                                              {"priority: low", 300}};
    for (auto [name, value] : kPriorities)
      if (l == name) it.priority = value;
    for (std::string_view prefix : {"points: ", "points:", "sp: ", "sp:", "story points: "}) {
      if (l.size() > prefix.size() && l.compare(0, prefix.size(), prefix) == 0) {
        try {
          size_t used = 0;
          const double v = std::stod(l.substr(prefix.size()), &used);
          if (v >= 0 && used == l.size() - prefix.size()) it.points = v;
        } catch (...) {
        }
      }
    }
  }

  void finish() {
    Program& p = out_.program;
    for (uint32_t i = 0; i < p.items.size(); ++i) {
      WorkItem& it = p.items[i];
      const auto [updated, closed] = extra_[i];
      if (it.created) it.history.push_back({kOpen, *it.created});
      auto ev = events_.find(it.key);
      if (ev != events_.end()) {
        auto& list = ev->second;
        std::stable_sort(list.begin(), list.end(),
                         [](const Event& a, const Event& b) { return a.at < b.at; });
        bool open = true, progress = false;
        for (const Event& e : list) {
          if (e.kind == "closed")
            open = false;
          else if (e.kind == "reopened")
            open = true;
          else if (in_progress_label(e.label))
            progress = e.kind == "labeled";
          else
            continue;
          const std::string s = !open ? kClosed : (progress ? kInProgress : kOpen);
          if (!it.history.empty() && it.history.back().state == s) continue;
          DateTime at = e.at;
          if (!it.history.empty() && at < it.history.back().at) at = it.history.back().at;
          it.history.push_back({s, at});
        }
      }
      if (it.state != kOpen && (it.history.empty() || it.history.back().state != it.state)) {
        std::optional<DateTime> at = it.state == kClosed && closed ? closed : updated;
        if (!at) at = it.created;
        if (at) {
          if (!it.history.empty() && *at < it.history.back().at) at = it.history.back().at;
          it.history.push_back({it.state, *at});
        }
      } else if (it.state == kOpen && !it.history.empty() && it.history.back().state != kOpen) {
        it.history.push_back(
            {kOpen, std::max(updated.value_or(it.history.back().at), it.history.back().at)});
      }
    }
    for (const auto& [child, parent] : parent_refs_) {
      auto pit = items_.find(parent);
      if (pit != items_.end() && pit->second != child)
        p.items[child].parent = WorkItemId{pit->second};
    }
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (const auto& l : body_links_) {
      auto oit = items_.find(l.other);
      if (oit == items_.end()) {
        diags_.warning(codes::kUnknownLinkTarget,
                       fmt::format("{} refers to {}, which is not in the file; the dependency is "
                                   "dropped",
                                   p.items[l.item].key, l.other),
                       out_.sources.at(EntityKind::kItem, l.item), "include that issue too");
        continue;
      }
      if (oit->second == l.item) continue;
      const uint32_t pred = l.this_first ? l.item : oit->second;
      const uint32_t succ = l.this_first ? oit->second : l.item;
      if (!seen.insert({pred, succ}).second) continue;
      Dependency d;
      d.predecessor = WorkItemId{pred};
      d.successor = WorkItemId{succ};
      p.dependencies.push_back(d);
    }
    if (earliest_) p.start = earliest_->date();
    if (latest_) p.as_of = latest_->date();
    p.fill_default_teams();
    p.reindex();
  }

  struct BodyLink {
    uint32_t item;
    std::string other;
    bool this_first;
  };

  const std::string& name_;
  const ImportOptions& options_;
  Diagnostics& diags_;
  ImportResult out_;
  std::unordered_map<std::string, uint32_t> items_, teams_, people_, milestones_;
  std::unordered_map<std::string, std::vector<Event>> events_;
  std::vector<std::pair<std::optional<DateTime>, std::optional<DateTime>>> extra_;
  std::vector<std::pair<uint32_t, std::string>> parent_refs_;
  std::vector<BodyLink> body_links_;
  std::optional<DateTime> earliest_, latest_;
  int skipped_prs_ = 0;
};

}  // namespace

Result<ImportResult> read_github_issues(std::string_view text, const std::string& name,
                                        const ImportOptions& options, Diagnostics& diags) {
  if (max_depth(text) > kMaxDepth)
    return make_error(codes::kInvalidGithubJson,
                      fmt::format("the JSON nests deeper than {} levels", kMaxDepth),
                      Location{name, 0, 0, {}}, "is this really a GitHub issues export?");
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string msg = e.what();
    if (auto at = msg.find(": "); at != std::string::npos) msg = msg.substr(at + 2);
    return make_error(codes::kInvalidJson, fmt::format("not valid JSON: {}", msg),
                      line_col(text, e.byte > 0 ? e.byte - 1 : 0, name),
                      "save the API response as it came, one JSON array");
  } catch (const json::exception& e) {  // e.g. a number beyond a double's range
    return make_error(codes::kInvalidJson, fmt::format("not readable JSON: {}", e.what()),
                      Location{name, 0, 0, {}}, "numbers must fit a double (about 1e308)");
  }
  Reader reader(name, options, diags);
  try {
    return reader.run(doc);
  } catch (const json::exception& e) {
    return make_error(codes::kInvalidGithubJson, fmt::format("unexpected JSON shape: {}", e.what()),
                      Location{name, 0, 0, {}}, "");
  }
}

}  // namespace cairn::io
