#include "rcpsp/psplib.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace cairn::rcpsp {

namespace {

struct Token {
  std::string_view text;
  int column = 0;  // 1-based
};

std::vector<Token> tokenize(std::string_view line) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
      ++i;
    if (i >= line.size()) break;
    const size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      ++i;
    out.push_back({line.substr(b, i - b), static_cast<int>(b) + 1});
  }
  return out;
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Result<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error("unreadable-file", "cannot open the file", Location{path});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    return make_error("unreadable-file", "cannot read the file", Location{path});
  }
  return ss.str();
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (e == text.size()) break;
    b = e + 1;
  }
  return lines;
}

// Integer after the ':' of a `key : value` header line.
std::optional<std::pair<int, int>> value_after_colon(std::string_view line) {
  const size_t c = line.find(':');
  if (c == std::string_view::npos) return std::nullopt;
  for (const Token& t : tokenize(line.substr(c + 1))) {
    if (auto v = to_int(t.text)) return std::pair{*v, t.column + static_cast<int>(c) + 1};
    return std::nullopt;
  }
  return std::nullopt;
}

class SmParser {
 public:
  SmParser(std::string_view text, const std::string& name)
      : name_(name), lines_(split_lines(text)) {}

  Result<RcpspInstance> parse() {
    int jobs = -1;
    int renewable = -1;
    bool have_prec = false, have_req = false, have_cap = false;
    RcpspInstance in;
    for (i_ = 0; i_ < lines_.size(); ++i_) {
      const std::string_view line = lines_[i_];
      if (line.find("jobs (incl. supersource/sink") != std::string_view::npos) {
        auto v = value_after_colon(line);
        if (!v || v->first < 0) return fail("expected the number of jobs after ':'", 1);
        // Each job has a line of its own in PRECEDENCE RELATIONS: a count beyond the file's lines
        // is wrong, and would only allocate.
        if (static_cast<size_t>(v->first) > lines_.size())
          return fail(fmt::format("{} jobs, but the file has only {} lines (each job needs one "
                                  "in PRECEDENCE RELATIONS): fix the count",
                                  v->first, lines_.size()),
                      v->second);
        jobs = v->first;
        in.jobs = jobs;
        in.duration.assign(jobs, 0);
        in.successors.assign(jobs, {});
      } else if (starts_with_key(line, "- renewable")) {
        auto v = value_after_colon(line);
        if (!v || v->first < 0) return fail("expected the number of renewable resources", 1);
        // Every resource's capacity is a number on the RESOURCEAVAILABILITIES line.
        if (static_cast<size_t>(v->first) > longest_line())
          return fail(fmt::format("{} renewable resources, more than the longest line could list "
                                  "capacities for: fix the count",
                                  v->first),
                      v->second);
        renewable = v->first;
        in.resources = renewable;
      } else if (starts_with_key(line, "- nonrenewable") ||
                 starts_with_key(line, "- doubly constrained")) {
        auto v = value_after_colon(line);
        if (!v) return fail("expected a number of resources after ':'", 1);
        if (v->first != 0) {
          return fail("nonrenewable and doubly constrained resources are not supported", v->second);
        }
      } else if (starts_with_key(line, "PRECEDENCE RELATIONS:")) {
        if (jobs < 0) return fail("PRECEDENCE RELATIONS before the number of jobs", 1);
        if (auto ok = parse_precedence(in); !ok) return std::unexpected(ok.error());
        have_prec = true;
      } else if (starts_with_key(line, "REQUESTS/DURATIONS:")) {
        if (jobs < 0 || renewable < 0) {
          return fail("REQUESTS/DURATIONS before the numbers of jobs and resources", 1);
        }
        if (auto ok = parse_requests(in); !ok) return std::unexpected(ok.error());
        have_req = true;
      } else if (starts_with_key(line, "RESOURCEAVAILABILITIES:")) {
        if (renewable < 0) return fail("RESOURCEAVAILABILITIES before the number of resources", 1);
        if (auto ok = parse_capacities(in); !ok) return std::unexpected(ok.error());
        have_cap = true;
      }
    }
    i_ = lines_.size() - 1;
    if (jobs < 0) return fail("no 'jobs (incl. supersource/sink )' line: not a PSPLIB .sm file", 0);
    if (renewable < 0) return fail("no '- renewable' resource count line", 0);
    if (!have_prec) return fail("no PRECEDENCE RELATIONS section", 0);
    if (!have_req) return fail("no REQUESTS/DURATIONS section", 0);
    if (!have_cap) return fail("no RESOURCEAVAILABILITIES section", 0);
    if (auto ok = validate_rcpsp(in); !ok) {
      Error e = ok.error();
      e.where = Location{name_};
      return std::unexpected(e);
    }
    return in;
  }

 private:
  size_t longest_line() const {
    size_t n = 0;
    for (auto l : lines_)
      n = std::max(n, l.size());
    return n;
  }

  static bool starts_with_key(std::string_view line, std::string_view key) {
    const size_t b = line.find_first_not_of(" \t");
    return b != std::string_view::npos && line.substr(b).starts_with(key);
  }

  std::unexpected<Error> fail(std::string message, int column) const {
    const int line = i_ < lines_.size() ? static_cast<int>(i_) + 1 : static_cast<int>(i_);
    return make_error("invalid-psplib", std::move(message), Location{name_, line, column});
  }

  // Moves to the next line whose first token is an integer (skipping headers and rules).
  bool next_data_line(std::vector<Token>& tokens) {
    while (++i_ < lines_.size()) {
      tokens = tokenize(lines_[i_]);
      if (tokens.empty()) continue;
      if (to_int(tokens[0].text)) return true;
      if (tokens[0].text.starts_with("***")) return false;
    }
    return false;
  }

  Result<int> field(const std::vector<Token>& t, size_t k, const char* what) const {
    if (k >= t.size()) {
      return fail(fmt::format("missing {}", what), t.empty() ? 1 : t.back().column);
    }
    auto v = to_int(t[k].text);
    if (!v)
      return fail(fmt::format("expected an integer {}, not '{}'", what, t[k].text), t[k].column);
    return *v;
  }

  Result<void> parse_precedence(RcpspInstance& in) {
    std::vector<Token> t;
    for (int j = 0; j < in.jobs; ++j) {
      if (!next_data_line(t)) {
        return fail(fmt::format("PRECEDENCE RELATIONS ends after {} of {} jobs", j, in.jobs), 1);
      }
      auto nr = field(t, 0, "job number");
      if (!nr) return std::unexpected(nr.error());
      if (*nr != j + 1)
        return fail(fmt::format("expected job {}, found {}", j + 1, *nr), t[0].column);
      auto modes = field(t, 1, "number of modes");
      if (!modes) return std::unexpected(modes.error());
      if (*modes != 1) {
        return fail(
            fmt::format("job {} has {} modes; only single-mode files are supported", j + 1, *modes),
            t[1].column);
      }
      auto count = field(t, 2, "number of successors");
      if (!count) return std::unexpected(count.error());
      if (*count < 0 || t.size() != static_cast<size_t>(3 + *count)) {
        return fail(fmt::format("job {} announces {} successors but lists {}", j + 1, *count,
                                static_cast<int>(t.size()) - 3),
                    t[2].column);
      }
      for (int k = 0; k < *count; ++k) {
        auto s = field(t, 3 + k, "successor");
        if (!s) return std::unexpected(s.error());
        if (*s < 1 || *s > in.jobs) {
          return fail(fmt::format("successor {} of job {} is not a job 1..{}", *s, j + 1, in.jobs),
                      t[3 + k].column);
        }
        in.successors[j].push_back(*s - 1);
      }
    }
    return {};
  }

  Result<void> parse_requests(RcpspInstance& in) {
    const int r = in.resources;
    in.demand.assign(static_cast<size_t>(in.jobs) * r, 0);
    std::vector<Token> t;
    for (int j = 0; j < in.jobs; ++j) {
      if (!next_data_line(t)) {
        return fail(fmt::format("REQUESTS/DURATIONS ends after {} of {} jobs", j, in.jobs), 1);
      }
      auto nr = field(t, 0, "job number");
      if (!nr) return std::unexpected(nr.error());
      if (*nr != j + 1)
        return fail(fmt::format("expected job {}, found {}", j + 1, *nr), t[0].column);
      if (t.size() != static_cast<size_t>(3 + r)) {
        return fail(fmt::format("job {}: expected job, mode, duration and {} demands, found {} "
                                "fields",
                                j + 1, r, t.size()),
                    t.back().column);
      }
      auto mode = field(t, 1, "mode");
      if (!mode) return std::unexpected(mode.error());
      if (*mode != 1)
        return fail(fmt::format("job {} has mode {}; expected 1", j + 1, *mode), t[1].column);
      auto d = field(t, 2, "duration");
      if (!d) return std::unexpected(d.error());
      if (*d < 0)
        return fail(fmt::format("job {} has negative duration {}", j + 1, *d), t[2].column);
      in.duration[j] = *d;
      for (int k = 0; k < r; ++k) {
        auto q = field(t, 3 + k, "demand");
        if (!q) return std::unexpected(q.error());
        if (*q < 0) {
          return fail(fmt::format("job {} has negative demand {}", j + 1, *q), t[3 + k].column);
        }
        in.demand[static_cast<size_t>(j) * r + k] = *q;
      }
    }
    return {};
  }

  Result<void> parse_capacities(RcpspInstance& in) {
    std::vector<Token> t;
    if (!next_data_line(t)) return fail("RESOURCEAVAILABILITIES has no line of capacities", 1);
    if (t.size() != static_cast<size_t>(in.resources)) {
      return fail(fmt::format("expected {} capacities, found {}", in.resources, t.size()), 1);
    }
    in.capacity.assign(in.resources, 0);
    for (int k = 0; k < in.resources; ++k) {
      auto c = field(t, k, "capacity");
      if (!c) return std::unexpected(c.error());
      if (*c < 0) return fail(fmt::format("negative capacity {}", *c), t[k].column);
      in.capacity[k] = *c;
    }
    return {};
  }

  std::string name_;
  std::vector<std::string_view> lines_;
  size_t i_ = 0;
};

}  // namespace

Result<RcpspInstance> parse_psplib(std::string_view text, const std::string& name) {
  return SmParser(text, name).parse();
}

Result<RcpspInstance> read_psplib(const std::string& path) {
  auto text = slurp(path);
  if (!text) return std::unexpected(text.error());
  return parse_psplib(*text, path);
}

namespace {

constexpr const char* kFormats =
    "expected Cairn's CSV (set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal) or a PSPLIB "
    "solution file such as j30opt.sm, j60hrs.sm or j60lb.sm";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The base name of a path.
std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The set a file name starts with, lower case: "j60hrs.sm" -> "j60"; empty when none.
std::string set_from_file_name(std::string_view path) {
  const std::string_view base = base_name(path);
  size_t i = 0;
  while (i < base.size() && is_letter(base[i]))
    ++i;
  size_t j = i;
  while (j < base.size() && is_digit(base[j]))
    ++j;
  if (i == 0 || j == i) return {};
  return lower(base.substr(0, j));
}

// A rule line: only '=' or '-' (and blanks), e.g. "=====".
bool is_rule(std::string_view line) {
  const size_t b = line.find_first_not_of(" \t");
  return b != std::string_view::npos && (line[b] == '=' || line[b] == '-') &&
         line.find_first_not_of(" \t=-", b) == std::string_view::npos;
}

// The header of a PSPLIB solution table: `Par Inst ...` / `Paramter Instance ...`.
bool is_table_header(const std::vector<Token>& t) {
  return t.size() >= 3 && lower(t[0].text).starts_with("par") &&
         lower(t[1].text).starts_with("inst");
}

enum class TableKind { kOptima, kUpperBounds, kBounds };

// Parses a PSPLIB solution file whose table header is line `h` (0-based).
Result<std::vector<PsplibReference>> parse_solution_table(
    const std::vector<std::string_view>& lines, size_t h, const std::string& name) {
  constexpr const char* kCode = "invalid-psplib-reference";
  auto at = [&](size_t li, int column) { return Location{name, static_cast<int>(li) + 1, column}; };
  // The set, from the text above the table.
  std::string set, listed;
  bool solutionlist = false;
  for (size_t li = 0; li < h; ++li) {
    const std::string_view line = lines[li];
    const std::vector<Token> t = tokenize(line);
    if (!t.empty() && t[0].text == "solutionlist") {
      solutionlist = true;
      if (t.size() > 1) listed = set_from_file_name(t[1].text);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::vector<Token> key = tokenize(line.substr(0, colon));
    if (key.size() == 2 && lower(key[0].text) == "instance" && lower(key[1].text) == "set") {
      const std::vector<Token> value = tokenize(line.substr(colon + 1));
      if (!value.empty()) set = lower(value[0].text);
    }
  }
  if (set.empty()) set = set_from_file_name(name);
  if (set.empty()) set = listed;
  if (set.empty()) {
    return make_error(kCode, "cannot tell the instance set (e.g. j60) of this PSPLIB file",
                      Location{name},
                      "add a line 'Instance Set : j60' above the table or name the file after "
                      "its set, like j60hrs.sm");
  }
  // The columns.
  const std::vector<Token> head = tokenize(lines[h]);
  int makespan = -1, ub = -1, lb = -1;
  bool cpu = false, dated = false;
  for (size_t k = 2; k < head.size(); ++k) {
    const std::string t = lower(head[k].text);
    const int col = static_cast<int>(k);
    if (t == "makespan" && makespan < 0) {
      makespan = col;
    } else if (t == "ub" && ub < 0) {
      ub = col;
    } else if (t == "lb" && lb < 0) {
      lb = col;
    } else if (t.starts_with("cpu")) {
      cpu = true;
    } else if (t == "date" || t == "author") {
      dated = true;
    }
  }
  TableKind kind;
  if (ub >= 0 && lb >= 0) {
    kind = TableKind::kBounds;
  } else if (makespan >= 0) {
    const std::string base = lower(base_name(name));
    if (cpu) {
      kind = TableKind::kOptima;
    } else if (dated || solutionlist) {
      kind = TableKind::kUpperBounds;
    } else if (base.find("opt") != std::string::npos) {
      kind = TableKind::kOptima;
    } else if (base.find("hrs") != std::string::npos) {
      kind = TableKind::kUpperBounds;
    } else {
      return make_error(kCode,
                        "the table does not say whether its makespans are optima or upper bounds "
                        "(no CPU-Time, Date or Author column)",
                        at(h, head[makespan].column),
                        "name the file like j30opt.sm (optimal makespans) or j60hrs.sm (best "
                        "known upper bounds)");
    }
  } else {
    return make_error(kCode,
                      "the table header names neither a Makespan column nor UB and LB columns",
                      at(h, 1), kFormats);
  }
  const char* row_hint =
      kind == TableKind::kBounds
          ? "a row reads: parameter, instance, UB, LB, '*' when LB = UB, then free text"
          : "a row reads: parameter, instance, makespan, then free text";
  // The rows.
  std::vector<PsplibReference> out;
  for (size_t li = h + 1; li < lines.size(); ++li) {
    const std::string_view line = lines[li];
    if (is_rule(line)) {
      if (!out.empty() && line[line.find_first_not_of(" \t")] == '=') break;
      continue;
    }
    const std::vector<Token> t = tokenize(line);
    if (t.empty()) continue;
    auto field = [&](int k, const char* what, int min) -> Result<int> {
      if (static_cast<size_t>(k) >= t.size()) {
        const Token& last = t.back();
        return make_error(kCode, fmt::format("the row ends before the {}", what),
                          at(li, last.column + static_cast<int>(last.text.size())), row_hint);
      }
      auto v = to_int(t[k].text);
      if (!v || *v < min) {
        return make_error(kCode,
                          fmt::format("expected the {} as an integer of at least {}, not '{}'",
                                      what, min, t[k].text),
                          at(li, t[k].column), row_hint);
      }
      return *v;
    };
    auto par = field(0, "parameter number", 1);
    if (!par) return std::unexpected(par.error());
    auto inst = field(1, "instance number", 1);
    if (!inst) return std::unexpected(inst.error());
    PsplibReference r;
    r.set = set;
    r.instance = fmt::format("{}{}_{}", set, *par, *inst);
    r.where = Location{name, static_cast<int>(li) + 1};
    if (kind == TableKind::kBounds) {
      auto u = field(ub, "upper bound (UB)", 1);
      if (!u) return std::unexpected(u.error());
      auto l = field(lb, "lower bound (LB)", 0);
      if (!l) return std::unexpected(l.error());
      if (*l > *u) {
        return make_error(kCode, fmt::format("LB {} is above UB {}", *l, *u), at(li, t[lb].column),
                          "check the order of the UB and LB columns");
      }
      const size_t star = static_cast<size_t>(lb) + 1;
      const bool marked = star < t.size() && t[star].text == "*";
      if (marked && *l != *u) {
        return make_error(kCode, fmt::format("'*' marks LB = UB, but LB {} is below UB {}", *l, *u),
                          at(li, t[star].column), "remove the '*' or correct the bounds");
      }
      r.best_ub = *u;
      r.best_lb = *l;
      r.proven_optimal = marked || *l == *u;
    } else {
      auto m = field(makespan, "makespan", 1);
      if (!m) return std::unexpected(m.error());
      r.best_ub = *m;
      if (kind == TableKind::kOptima) {
        r.best_lb = *m;
        r.proven_optimal = true;
      }
    }
    out.push_back(std::move(r));
  }
  if (out.empty()) {
    return make_error(kCode, "no rows after the table header", at(h, 1), row_hint);
  }
  return out;
}

Result<std::vector<PsplibReference>> parse_reference_csv(const std::vector<std::string_view>& lines,
                                                         const std::string& name) {
  std::vector<PsplibReference> out;
  std::map<std::string, int> col;
  auto split = [](std::string_view line) {
    std::vector<std::pair<std::string_view, int>> cells;
    size_t b = 0;
    for (;;) {
      size_t e = line.find(',', b);
      if (e == std::string_view::npos) e = line.size();
      std::string_view cell = line.substr(b, e - b);
      while (!cell.empty() && cell.front() == ' ')
        cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == ' ')
        cell.remove_suffix(1);
      cells.push_back({cell, static_cast<int>(b) + 1});
      if (e == line.size()) break;
      b = e + 1;
    }
    return cells;
  };
  size_t li = 0;
  while (li < lines.size() && lines[li].empty())
    ++li;
  if (li == lines.size()) {
    return make_error("invalid-psplib-reference", "empty reference table", Location{name});
  }
  const auto header = split(lines[li]);
  for (size_t k = 0; k < header.size(); ++k)
    col[std::string(header[k].first)] = static_cast<int>(k);
  for (const char* need : {"instance", "cpm_lb", "best_ub"}) {
    if (!col.contains(need)) {
      return make_error("invalid-psplib-reference",
                        fmt::format("the header has no '{}' column", need),
                        Location{name, static_cast<int>(li) + 1, 1}, kFormats);
    }
  }
  for (++li; li < lines.size(); ++li) {
    if (lines[li].empty()) continue;
    const auto cells = split(lines[li]);
    const int line_no = static_cast<int>(li) + 1;
    if (cells.size() != header.size()) {
      return make_error(
          "invalid-psplib-reference",
          fmt::format("{} cells where the header has {}", cells.size(), header.size()),
          Location{name, line_no, 1});
    }
    PsplibReference ref;
    ref.where = Location{name, line_no};
    auto get_int = [&](const char* key, int& dst, bool required) -> Result<void> {
      auto it = col.find(key);
      if (it == col.end()) return {};
      const auto& [cell, column] = cells[it->second];
      if (cell.empty() && !required) return {};
      auto v = to_int(cell);
      if (!v) {
        return make_error("invalid-psplib-reference",
                          fmt::format("column {}: expected an integer, not '{}'", key, cell),
                          Location{name, line_no, column});
      }
      dst = *v;
      return {};
    };
    ref.instance = std::string(cells[col["instance"]].first);
    if (auto it = col.find("set"); it != col.end()) ref.set = std::string(cells[it->second].first);
    int proven = 0, cpm_lb = 0;
    for (auto [key, dst, required] :
         {std::tuple{"jobs", &ref.jobs, false}, std::tuple{"cpm_lb", &cpm_lb, true},
          std::tuple{"best_ub", &ref.best_ub, true}, std::tuple{"best_lb", &ref.best_lb, false},
          std::tuple{"proven_optimal", &proven, false}}) {
      if (auto ok = get_int(key, *dst, required); !ok) return std::unexpected(ok.error());
    }
    ref.cpm_lb = cpm_lb;
    ref.proven_optimal = proven != 0;
    out.push_back(std::move(ref));
  }
  return out;
}

}  // namespace

Result<std::vector<PsplibReference>> parse_psplib_reference(std::string_view text,
                                                            const std::string& name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  const std::vector<std::string_view> lines = split_lines(text);
  for (size_t li = 0; li < lines.size(); ++li) {
    if (is_table_header(tokenize(lines[li]))) return parse_solution_table(lines, li, name);
  }
  for (size_t li = 0; li < lines.size(); ++li) {
    if (lines[li].find_first_not_of(" \t") == std::string_view::npos) continue;
    if (lines[li].find(',') != std::string_view::npos) return parse_reference_csv(lines, name);
    return make_error("invalid-psplib-reference",
                      "not a reference table: neither a CSV header nor a PSPLIB 'Par Inst ...' "
                      "table header",
                      Location{name, static_cast<int>(li) + 1, 1}, kFormats);
  }
  return parse_reference_csv(lines, name);  // blank: reports the empty table
}

Result<std::vector<PsplibReference>> merge_psplib_references(
    const std::vector<PsplibReference>& rows) {
  std::vector<PsplibReference> out;
  struct Sources {
    Location ub, lb;  // the rows that gave best_ub and best_lb
  };
  std::vector<Sources> sources;
  std::map<std::string, size_t, std::less<>> index;
  for (const PsplibReference& r : rows) {
    const int lb = r.proven_optimal ? std::max(r.best_lb, r.best_ub) : r.best_lb;
    auto [it, fresh] = index.try_emplace(r.instance, out.size());
    if (fresh) {
      out.push_back(r);
      out.back().best_lb = lb;
      sources.push_back({r.where, r.where});
      continue;
    }
    PsplibReference& m = out[it->second];
    Sources& src = sources[it->second];
    if (m.set.empty()) m.set = r.set;
    if (m.jobs == 0) m.jobs = r.jobs;
    if (m.where.empty()) m.where = r.where;
    if (r.cpm_lb && (!m.cpm_lb || *r.cpm_lb > *m.cpm_lb)) m.cpm_lb = r.cpm_lb;
    if (r.best_ub > 0 && (m.best_ub <= 0 || r.best_ub < m.best_ub)) {
      m.best_ub = r.best_ub;
      src.ub = r.where;
    }
    if (lb > m.best_lb) {
      m.best_lb = lb;
      src.lb = r.where;
    }
    m.proven_optimal = m.proven_optimal || r.proven_optimal;
  }
  for (size_t k = 0; k < out.size(); ++k) {
    PsplibReference& m = out[k];
    if (m.best_ub > 0 && m.best_lb > m.best_ub) {
      return make_error(
          "psplib-reference-conflict",
          fmt::format("{}: the lower bound {} ({}) is above the upper bound {} ({})", m.instance,
                      m.best_lb, sources[k].lb.to_string(), m.best_ub, sources[k].ub.to_string()),
          sources[k].ub,
          "the reference tables disagree: check that they describe the same instance set and "
          "are not damaged, or leave one out");
    }
    if (m.best_lb > 0 && m.best_lb == m.best_ub) m.proven_optimal = true;
  }
  return out;
}

Result<std::vector<PsplibReference>> read_psplib_reference(const std::string& path) {
  auto text = slurp(path);
  if (!text) return std::unexpected(text.error());
  return parse_psplib_reference(*text, path);
}

}  // namespace cairn::rcpsp
