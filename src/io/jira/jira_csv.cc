#include "io/jira/jira_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "base/codes.h"
#include "io/csv/csv.h"
#include "model/enums.h"

namespace cairn::io {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::optional<double> to_double(std::string_view s) {
  s = trim(s);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool read_digits(std::string_view& s, int min, int max, int& out) {
  int n = 0;
  out = 0;
  while (n < static_cast<int>(s.size()) && n < max && s[n] >= '0' && s[n] <= '9')
    out = out * 10 + (s[n++] - '0');
  if (n < min) return false;
  s.remove_prefix(n);
  return true;
}

int month_of(std::string_view name) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  const std::string l = ascii_lower(name.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == kMonths[i]) return i + 1;
  return 0;
}

// A person key from a display name: lower case, runs of other characters as one dot.
std::string person_key(std::string_view name) {
  std::string out;
  bool dot = false;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) {
      if (dot && !out.empty()) out += '.';
      out += c;
      dot = false;
    } else if (u >= 'A' && u <= 'Z') {
      if (dot && !out.empty()) out += '.';
      out += static_cast<char>(u - 'A' + 'a');
      dot = false;
    } else {
      dot = true;
    }
  }
  return out.empty() ? std::string(name) : out;
}

WorkItemKind kind_of(std::string_view type) {
  const std::string t = ascii_lower(trim(type));
  if (t == "epic") return WorkItemKind::kEpic;
  if (t == "story" || t == "user story" || t == "new feature" || t == "improvement" ||
      t == "feature")
    return WorkItemKind::kStory;
  if (t == "bug" || t == "defect") return WorkItemKind::kBug;
  return WorkItemKind::kTask;
}

std::optional<int> priority_of(std::string_view p) {
  const std::string t = ascii_lower(trim(p));
  if (t == "highest" || t == "blocker") return 900;
  if (t == "high" || t == "critical") return 700;
  if (t == "medium" || t == "major") return 500;
  if (t == "low" || t == "minor") return 300;
  if (t == "lowest" || t == "trivial") return 100;
  return std::nullopt;
}

// Which way a link column points: +1 when the row's issue comes first (it blocks the other),
// -1 when the other comes first, 0 when the link type is not a dependency.
int link_direction(std::string_view type, bool outward) {
  const std::string t = ascii_lower(type);
  if (t == "blocks" || t == "blocker" || t == "blocking") return outward ? 1 : -1;
  if (t == "dependency" || t == "depends" || t == "dependent" || t == "depends on")
    return outward ? -1 : 1;
  return 0;
}

struct LinkColumn {
  size_t column = 0;
  int direction = 0;  // see link_direction
  std::string type;
};

struct Columns {
  int key = -1, id = -1, summary = -1, type = -1, status = -1, priority = -1, created = -1,
      updated = -1, resolved = -1, due = -1, assignee = -1, points = -1, parent = -1,
      epic_link = -1, original = -1, remaining = -1, project_key = -1, project_name = -1,
      status_changed = -1;
  std::vector<size_t> sprints, labels, versions;
  std::vector<LinkColumn> links;
};

Columns map_columns(const std::vector<std::string_view>& header) {
  Columns c;
  auto set = [](int& slot, size_t i) {
    if (slot < 0) slot = static_cast<int>(i);
  };
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string h = ascii_lower(trim(header[i]));
    if (h == "issue key")
      set(c.key, i);
    else if (h == "issue id")
      set(c.id, i);
    else if (h == "summary")
      set(c.summary, i);
    else if (h == "issue type")
      set(c.type, i);
    else if (h == "status")
      set(c.status, i);
    else if (h == "priority")
      set(c.priority, i);
    else if (h == "created")
      set(c.created, i);
    else if (h == "updated")
      set(c.updated, i);
    else if (h == "resolved")
      set(c.resolved, i);
    else if (h == "due date")
      set(c.due, i);
    else if (h == "assignee")
      set(c.assignee, i);
    else if (h == "story points" || h == "custom field (story points)" ||
             h == "story point estimate" || h == "custom field (story point estimate)")
      set(c.points, i);
    else if (h == "parent" || h == "parent id" || h == "parent key")
      set(c.parent, i);
    else if (h == "custom field (epic link)" || h == "epic link")
      set(c.epic_link, i);
    else if (h == "original estimate")
      set(c.original, i);
    else if (h == "remaining estimate")
      set(c.remaining, i);
    else if (h == "project key")
      set(c.project_key, i);
    else if (h == "project name")
      set(c.project_name, i);
    else if (h == "status category changed")
      set(c.status_changed, i);
    else if (h == "sprint" || h == "custom field (sprint)")
      c.sprints.push_back(i);
    else if (h == "labels")
      c.labels.push_back(i);
    else if (h == "fix version/s" || h == "fix versions" || h == "fix version")
      c.versions.push_back(i);
    else {
      for (const char* prefix : {"outward issue link (", "inward issue link ("}) {
        const std::string_view p(prefix);
        if (h.size() > p.size() && h.compare(0, p.size(), p) == 0 && h.back() == ')') {
          const std::string raw(trim(header[i]));
          std::string type = raw.substr(p.size(), raw.size() - p.size() - 1);
          c.links.push_back({i, link_direction(type, p[0] == 'o'), type});
        }
      }
    }
  }
  return c;
}

// What a row refers to, resolved once every row is read.
struct RowRefs {
  std::string parent;  // a key or an issue id
  int parent_line = 0;
  std::vector<std::pair<std::string, int>> links;  // other key, +1/-1 (see link_direction)
  std::vector<int> sprints;                        // indexes into sprint names
  std::vector<int> versions;
  std::optional<DateTime> resolved, updated, status_changed;
  int line = 0;
};

// A string-keyed index that looks up by string_view without building a string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using KeyIndex = std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>;

// The index of `key`, inserting it as `next` when absent; second is true when inserted.
std::pair<uint32_t, bool> intern(KeyIndex& index, std::string_view key, size_t next) {
  if (auto it = index.find(key); it != index.end()) return {it->second, false};
  index.emplace(std::string(key), static_cast<uint32_t>(next));
  return {static_cast<uint32_t>(next), true};
}

struct TeamStatuses {
  std::vector<std::string> seen;  // in order of first appearance
  bool has_sprints = false;
};

}  // namespace

std::optional<DateTime> parse_jira_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.size() >= 10 && text[4] == '-') {
    if (auto iso = DateTime::parse(text)) return iso;
    return std::nullopt;
  }
  // d/MMM/yy[yy][ h:mm[:ss][ AM|PM]]
  std::string_view s = text;
  int day = 0, year = 0;
  if (!read_digits(s, 1, 2, day) || s.empty() || s.front() != '/') return std::nullopt;
  s.remove_prefix(1);
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const int month = month_of(s.substr(0, slash));
  if (month == 0 || slash > 9) return std::nullopt;
  s.remove_prefix(slash + 1);
  const size_t before = s.size();
  if (!read_digits(s, 2, 4, year)) return std::nullopt;
  const size_t year_digits = before - s.size();
  if (year_digits == 2)
    year += 2000;
  else if (year_digits != 4)
    return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  s = trim(s);
  if (!s.empty()) {
    if (!read_digits(s, 1, 2, hour) || s.empty() || s.front() != ':') return std::nullopt;
    s.remove_prefix(1);
    if (!read_digits(s, 2, 2, minute)) return std::nullopt;
    if (!s.empty() && s.front() == ':') {
      s.remove_prefix(1);
      if (!read_digits(s, 2, 2, second)) return std::nullopt;
    }
    s = trim(s);
    const std::string ampm = ascii_lower(s);
    if (ampm == "am" || ampm == "pm") {
      if (hour < 1 || hour > 12) return std::nullopt;
      hour = hour % 12 + (ampm == "pm" ? 12 : 0);
    } else if (!s.empty()) {
      return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  }
  const auto date = Date::parse(fmt::format("{:04}-{:02}-{:02}", year, month, day));
  if (!date) return std::nullopt;
  return DateTime{DateTime::from_date(*date).seconds + hour * 3600 + minute * 60 + second};
}

std::optional<double> parse_jira_duration_days(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto secs = to_double(text)) {
    if (*secs < 0) return std::nullopt;
    return *secs / (8 * 3600);
  }
  double days = 0;
  bool any = false;
  std::string_view s = text;
  while (!s.empty()) {
    s = trim(s);
    size_t n = 0;
    while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.'))
      ++n;
    if (n == 0 || n >= s.size()) return std::nullopt;
    auto v = to_double(s.substr(0, n));
    if (!v) return std::nullopt;
    switch (s[n] == 'W' || s[n] == 'D' || s[n] == 'H' || s[n] == 'M' ? s[n] + 32 : s[n]) {
      case 'w':
        days += *v * 5;
        break;
      case 'd':
        days += *v;
        break;
      case 'h':
        days += *v / 8;
        break;
      case 'm':
        days += *v / 480;
        break;
      default:
        return std::nullopt;
    }
    any = true;
    s.remove_prefix(n + 1);
    s = trim(s);
    if (!s.empty() && s.front() == ',') s.remove_prefix(1);
  }
  if (!any) return std::nullopt;
  return days;
}

StateCategory guess_state_category(std::string_view status) {
  const std::string s = ascii_lower(trim(status));
  static const char* const kTodo[] = {"to do",
                                      "todo",
                                      "open",
                                      "backlog",
                                      "new",
                                      "reopened",
                                      "selected for development",
                                      "ready for development"};
  static const char* const kDone[] = {"done",     "closed",    "resolved",  "released", "won't do",
                                      "wont do",  "won't fix", "cancelled", "canceled", "rejected",
                                      "complete", "completed", "duplicate", "fixed"};
  for (const char* t : kTodo)
    if (s == t) return StateCategory::kTodo;
  for (const char* d : kDone)
    if (s == d) return StateCategory::kDone;
  return StateCategory::kInProgress;
}

namespace {

// The reader of one export: the header's columns, then one row at a time (read_row), then what
// needs every row: workflows, history and links, sprints and versions.
class JiraReader {
 public:
  JiraReader(std::string_view text, const std::string& name, const ImportOptions& options,
             Diagnostics& diags)
      : csv_(text, name), name_(name), options_(options), diags_(diags), text_size_(text.size()) {}

  Result<ImportResult> read();

 private:
  Result<void> read_header();
  Result<void> read_row(int line);
  Result<void> read_people_and_estimates(WorkItem& item);
  void read_references(RowRefs& r, uint32_t team_index);
  void build_workflows();
  void link_items();
  void guess_sprints();
  void versions_as_milestones();

  std::string_view get(int col) const { return col < 0 ? std::string_view{} : trim(f_[col]); }
  std::unexpected<Error> fail(int col, const char* column, std::string_view value, const char* what,
                              const char* hint) const {
    return std::unexpected(
        Error{codes::kInvalidValue,
              fmt::format("{} '{}' of {} is not {}", column, value, get(c_.key), what),
              csv_.field_location(static_cast<size_t>(col)), hint});
  }
  Result<std::optional<DateTime>> date_of(int col, const char* column) const {
    const std::string_view v = get(col);
    if (v.empty()) return std::optional<DateTime>{};
    auto d = parse_jira_date(v);
    if (!d) {
      return fail(col, column, v, "a date",
                  "Jira writes dates like 12/Mar/24 3:14 PM; ISO 8601 works too");
    }
    return d;
  }
  void seen_date(const std::optional<DateTime>& d) {
    if (!d) return;
    if (!earliest_ || *d < *earliest_) earliest_ = d;
    if (!latest_ || *d > *latest_) latest_ = d;
  }

  CsvReader csv_;
  const std::string& name_;
  const ImportOptions& options_;
  Diagnostics& diags_;
  size_t text_size_;
  std::vector<std::string_view> f_;  // the current row's fields
  size_t width_ = 0;
  Columns c_;
  ImportResult out_;
  Program& p_ = out_.program;
  std::unordered_map<std::string, uint32_t> item_by_key_, item_by_id_;
  KeyIndex team_by_key_, person_by_key_, person_by_name_, sprint_by_name_, version_by_name_;
  std::vector<TeamStatuses> statuses_;
  std::vector<std::string> sprint_names_, version_names_;
  std::vector<RowRefs> refs_;
  std::optional<DateTime> earliest_, latest_;
  int ignored_links_ = 0;
};

Result<void> JiraReader::read_header() {
  auto first = csv_.next(f_);
  if (!first) return std::unexpected(first.error());
  if (!*first) {
    return make_error(codes::kMissingColumn, "the file is empty: no header row",
                      Location{name_, 1, 1},
                      "export the issues from Jira with 'Export Excel CSV (all fields)'");
  }
  width_ = f_.size();
  c_ = map_columns(f_);
  if (c_.key < 0) {
    return make_error(codes::kMissingColumn, "there is no 'Issue key' column in the header",
                      Location{name_, 1, 1}, "export from Jira with all fields, or add the column");
  }
  return {};
}

Result<ImportResult> JiraReader::read() {
  if (auto ok = read_header(); !ok) return std::unexpected(ok.error());
  out_.format = ImportFormat::kJiraCsv;
  out_.file = name_;
  p_.key = options_.program_key.empty() ? file_stem(name_) : options_.program_key;
  p_.name = options_.program_name.empty() ? p_.key : options_.program_name;
  // Rows are ~300 bytes or more in real exports; reserving saves rehashing on big files.
  const size_t expected_rows = text_size_ / 300 + 16;
  item_by_key_.reserve(expected_rows);
  item_by_id_.reserve(expected_rows);
  p_.items.reserve(expected_rows);
  for (;;) {
    auto more = csv_.next(f_);
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    const int line = csv_.record_line();
    if (f_.size() != width_) {
      return make_error(codes::kInvalidCsv,
                        fmt::format("row has {} fields but the header has {}", f_.size(), width_),
                        Location{name_, line, 1},
                        "a field with a comma or a line break must be quoted");
    }
    if (auto ok = read_row(line); !ok) return std::unexpected(ok.error());
  }
  build_workflows();
  link_items();
  guess_sprints();
  versions_as_milestones();
  if (earliest_) p_.start = earliest_->date();
  if (latest_) p_.as_of = latest_->date();
  p_.fill_default_teams();
  p_.reindex();
  return std::move(out_);
}

// One issue: its item, team and status, dates; then people and estimates, then what it refers to.
Result<void> JiraReader::read_row(int line) {
  const std::string key(get(c_.key));
  if (key.empty()) {
    return make_error(codes::kMissingField, "row has no issue key", csv_.field_location(c_.key),
                      "every exported issue has a key such as PAY-12");
  }
  const uint32_t index = static_cast<uint32_t>(p_.items.size());
  if (auto [it, fresh] = item_by_key_.emplace(key, index); !fresh) {
    return make_error(
        codes::kDuplicateKey,
        fmt::format("issue {} appears twice (first on line {})", key, refs_[it->second].line),
        csv_.field_location(c_.key), "export each issue once");
  }
  if (c_.id >= 0 && !get(c_.id).empty()) item_by_id_.emplace(std::string(get(c_.id)), index);

  WorkItem item;
  item.key = key;
  item.title = std::string(get(c_.summary));
  item.kind = kind_of(get(c_.type));
  item.link = options_.jira_url.empty() ? key : fmt::format("{}/browse/{}", options_.jira_url, key);
  out_.sources.set(EntityKind::kItem, index, {}, Location{name_, line, 1});

  // Team: the Jira project.
  std::string_view project = get(c_.project_key);
  if (project.empty())
    project = std::string_view(key).substr(0, std::min(key.find('-'), key.size()));
  const auto [team_index, new_team] = intern(team_by_key_, project, p_.teams.size());
  if (new_team) {
    Team t;
    t.key = std::string(project);
    t.name = c_.project_name >= 0 && !get(c_.project_name).empty()
                 ? std::string(get(c_.project_name))
                 : project;
    p_.teams.push_back(std::move(t));
    statuses_.emplace_back();
  }
  item.team = TeamId{team_index};
  const std::string_view status = get(c_.status);
  if (!status.empty()) {
    item.state = std::string(status);
    auto& seen = statuses_[team_index].seen;
    if (std::find(seen.begin(), seen.end(), item.state) == seen.end()) seen.push_back(item.state);
  }

  if (const auto pr = get(c_.priority); !pr.empty()) {
    if (auto v = priority_of(pr)) item.priority = *v;
  }
  auto created = date_of(c_.created, "Created");
  if (!created) return std::unexpected(created.error());
  item.created = *created;
  RowRefs r;
  r.line = line;
  for (auto [col, slot, label] :
       {std::tuple{c_.updated, &r.updated, "Updated"},
        std::tuple{c_.resolved, &r.resolved, "Resolved"},
        std::tuple{c_.status_changed, &r.status_changed, "Status Category Changed"}}) {
    auto d = date_of(col, label);
    if (!d) return std::unexpected(d.error());
    *slot = *d;
  }
  seen_date(item.created);
  seen_date(r.updated);
  seen_date(r.resolved);
  if (const auto due = get(c_.due); !due.empty()) {
    auto d = parse_jira_date(due);
    if (!d) return fail(c_.due, "Due Date", due, "a date", "write dates like 12/Mar/24");
    item.due = d->date();
  }

  if (auto ok = read_people_and_estimates(item); !ok) return ok;
  read_references(r, team_index);
  p_.items.push_back(std::move(item));
  refs_.push_back(std::move(r));
  return {};
}

// The assignee (a person per name, in the team), story points and the estimates.
Result<void> JiraReader::read_people_and_estimates(WorkItem& item) {
  if (const auto who = get(c_.assignee); !who.empty()) {
    auto found = person_by_name_.find(who);
    if (found == person_by_name_.end()) {
      const std::string pk = person_key(who);
      const auto [person_index, fresh] = intern(person_by_key_, pk, p_.people.size());
      if (fresh) {
        Person person;
        person.key = pk;
        person.name = std::string(who);
        person.team = item.team;
        p_.people.push_back(std::move(person));
      }
      found = person_by_name_.emplace(std::string(who), person_index).first;
    }
    item.assignee = PersonId{found->second};
  }
  if (const auto pts = get(c_.points); !pts.empty()) {
    auto v = to_double(pts);
    if (!v || *v < 0) return fail(c_.points, "Story Points", pts, "a number of 0 or more", "");
    item.points = *v;
  }
  if (const auto est = get(c_.original); !est.empty()) {
    auto v = parse_jira_duration_days(est);
    if (!v) {
      return fail(c_.original, "Original Estimate", est, "a time estimate",
                  "Jira writes estimates in seconds, e.g. 28800 for one 8-hour day");
    }
    item.estimate = ThreePoint{*v, *v, *v};
  }
  if (const auto rem = get(c_.remaining); !rem.empty()) {
    auto v = parse_jira_duration_days(rem);
    if (!v) {
      return fail(c_.remaining, "Remaining Estimate", rem, "a time estimate",
                  "Jira writes estimates in seconds, e.g. 28800 for one 8-hour day");
    }
    item.remaining = *v;
  }
  for (size_t col : c_.labels)
    if (const auto l = trim(f_[col]); !l.empty()) item.labels.emplace_back(l);
  return {};
}

// The parent (or epic), links, sprints and fix versions, resolved once every row is read.
void JiraReader::read_references(RowRefs& r, uint32_t team_index) {
  std::string_view parent = get(c_.parent);
  int parent_col = c_.parent;
  if (parent.empty()) {
    parent = get(c_.epic_link);
    parent_col = c_.epic_link;
  }
  if (!parent.empty()) {
    r.parent = std::string(parent);
    r.parent_line = csv_.field_location(static_cast<size_t>(parent_col)).line;
  }
  for (const LinkColumn& lc : c_.links) {
    const auto other = trim(f_[lc.column]);
    if (other.empty()) continue;
    if (lc.direction == 0) {
      ++ignored_links_;
      continue;
    }
    r.links.emplace_back(std::string(other), lc.direction);
  }
  for (size_t col : c_.sprints) {
    const auto s = trim(f_[col]);
    if (s.empty()) continue;
    const auto [sprint, fresh] = intern(sprint_by_name_, s, sprint_names_.size());
    if (fresh) sprint_names_.emplace_back(s);
    if (std::find(r.sprints.begin(), r.sprints.end(), static_cast<int>(sprint)) == r.sprints.end())
      r.sprints.push_back(static_cast<int>(sprint));
    statuses_[team_index].has_sprints = true;
  }
  for (size_t col : c_.versions) {
    const auto v = trim(f_[col]);
    if (v.empty()) continue;
    const auto [version, fresh] = intern(version_by_name_, v, version_names_.size());
    if (fresh) version_names_.emplace_back(v);
    r.versions.push_back(static_cast<int>(version));
  }
}

void JiraReader::build_workflows() {
  // Workflows: the statuses_ seen, to-do ones first, then in progress, then done, each group in
  // order of first appearance; a team that never showed a done (to-do) status gets Done (To Do).
  for (size_t t = 0; t < p_.teams.size(); ++t) {
    std::vector<WorkflowState> wf;
    for (StateCategory cat :
         {StateCategory::kTodo, StateCategory::kInProgress, StateCategory::kDone}) {
      for (const auto& s : statuses_[t].seen) {
        if (guess_state_category(s) != cat) continue;
        WorkflowState ws;
        ws.name = s;
        ws.category = cat;
        const std::string l = ascii_lower(s);
        ws.active = cat == StateCategory::kInProgress && l.find("waiting") == std::string::npos &&
                    l.find("blocked") == std::string::npos &&
                    l.find("on hold") == std::string::npos &&
                    l.find("ready for") == std::string::npos;
        wf.push_back(std::move(ws));
      }
    }
    if (wf.empty() || wf.front().category != StateCategory::kTodo)
      wf.insert(wf.begin(), WorkflowState{"To Do", StateCategory::kTodo, false, std::nullopt});
    if (wf.back().category != StateCategory::kDone)
      wf.push_back(WorkflowState{"Done", StateCategory::kDone, false, std::nullopt});
    p_.teams[t].workflow = std::move(wf);
    p_.teams[t].method = statuses_[t].has_sprints ? TeamMethod::kScrum : TeamMethod::kKanban;
  }
}

void JiraReader::link_items() {
  // History, parents, dependencies.
  std::map<std::pair<uint32_t, uint32_t>, bool> dep_seen;
  for (uint32_t i = 0; i < p_.items.size(); ++i) {
    WorkItem& it = p_.items[i];
    const RowRefs& r = refs_[i];
    const auto& wf = p_.teams[it.team.index()].workflow;
    const std::string& first = wf.front().name;
    const StateCategory cat =
        it.state.empty() ? StateCategory::kTodo : guess_state_category(it.state);
    if (it.created) it.history.push_back({first, *it.created});
    if (!it.state.empty() && it.state != first) {
      std::optional<DateTime> when =
          cat == StateCategory::kDone && r.resolved ? r.resolved : r.status_changed;
      if (!when) when = r.updated ? r.updated : it.created;
      if (when) {
        if (!it.history.empty() && *when < it.history.back().at) when = it.history.back().at;
        it.history.push_back({it.state, *when});
      }
    }
    if (cat == StateCategory::kDone) it.remaining.reset();

    if (!r.parent.empty()) {
      auto byk = item_by_key_.find(r.parent);
      auto byi = item_by_id_.find(r.parent);
      if (byk != item_by_key_.end()) {
        it.parent = WorkItemId{byk->second};
      } else if (byi != item_by_id_.end()) {
        it.parent = WorkItemId{byi->second};
      } else {
        diags_.warning(codes::kUnknownParent,
                       fmt::format("the parent '{}' of {} is not in the file; {} has no parent",
                                   r.parent, it.key, it.key),
                       Location{name_, r.parent_line, 0},
                       "export the parent issues too, or ignore this if they are elsewhere");
      }
      if (it.parent == WorkItemId{i}) it.parent = WorkItemId{};
    }
    for (const auto& [other, dir] : r.links) {
      auto oit = item_by_key_.find(other);
      if (oit == item_by_key_.end()) {
        diags_.warning(codes::kUnknownLinkTarget,
                       fmt::format("{} links to {}, which is not in the file; the link is dropped",
                                   it.key, other),
                       Location{name_, r.line, 0},
                       "export the linked issues too, or ignore this if they are elsewhere");
        continue;
      }
      if (oit->second == i) continue;
      const uint32_t pred = dir > 0 ? i : oit->second;
      const uint32_t succ = dir > 0 ? oit->second : i;
      if (!dep_seen.emplace(std::pair{pred, succ}, true).second) continue;
      Dependency d;
      d.predecessor = WorkItemId{pred};
      d.successor = WorkItemId{succ};
      out_.sources.set(EntityKind::kDependency, static_cast<uint32_t>(p_.dependencies.size()), {},
                       Location{name_, r.line, 0});
      p_.dependencies.push_back(d);
    }
  }
  if (ignored_links_ > 0) {
    diags_.info(codes::kLinkTypeIgnored,
                fmt::format("{} issue links of types other than Blocks and Dependency were ignored",
                            ignored_links_),
                Location{name_, 1, 0}, "only Blocks and Dependency links order work");
  }
}

void JiraReader::guess_sprints() {
  // Sprints: dates are not in the export; guess them from the items (docs/import.md).
  if (!sprint_names_.empty()) {
    std::vector<Sprint> sprints(sprint_names_.size());
    std::vector<std::optional<DateTime>> end_done(sprint_names_.size()),
        end_any(sprint_names_.size());
    for (size_t s = 0; s < sprint_names_.size(); ++s)
      sprints[s].key = sprints[s].name = sprint_names_[s];
    for (uint32_t i = 0; i < p_.items.size(); ++i) {
      const RowRefs& r = refs_[i];
      const auto touched = r.updated ? r.updated : p_.items[i].created;
      for (int s : r.sprints) {
        if (!sprints[s].team.valid()) sprints[s].team = p_.items[i].team;
        sprints[s].committed.emplace_back(i);
        if (touched && (!end_any[s] || *touched > *end_any[s])) end_any[s] = touched;
        if (s == r.sprints.back() && r.resolved && (!end_done[s] || *r.resolved > *end_done[s]))
          end_done[s] = r.resolved;
      }
    }
    for (size_t s = 0; s < sprints.size(); ++s) {
      auto end = end_done[s] ? end_done[s] : end_any[s];
      const Date e = end ? end->date() : (earliest_ ? earliest_->date() : Date{});
      sprints[s].end = e;
      sprints[s].start = e - (std::max(1, options_.sprint_days) - 1);
    }
    p_.sprints = std::move(sprints);
    diags_.info(codes::kSprintDatesGuessed,
                fmt::format("{} sprints: the export has no sprint dates; each ends on the last "
                            "resolution of its items and lasts {} days",
                            p_.sprints.size(), options_.sprint_days),
                Location{name_, 1, 0}, "correct the sprint dates in the plan if they matter");
  }
}

// Fix versions become milestones of their items.
void JiraReader::versions_as_milestones() {
  p_.milestones.resize(version_names_.size());
  for (size_t v = 0; v < version_names_.size(); ++v)
    p_.milestones[v].key = p_.milestones[v].name = version_names_[v];
  for (uint32_t i = 0; i < p_.items.size(); ++i)
    for (int v : refs_[i].versions)
      p_.milestones[v].items.emplace_back(i);
}

}  // namespace

Result<ImportResult> read_jira_csv(std::string_view text, const std::string& name,
                                   const ImportOptions& options, Diagnostics& diags) {
  return JiraReader(text, name, options, diags).read();
}

}  // namespace cairn::io
