#include "io/psplib.h"

#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace cairn::io {

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

  Result<schedule::RcpspInstance> parse() {
    int jobs = -1;
    int renewable = -1;
    bool have_prec = false, have_req = false, have_cap = false;
    schedule::RcpspInstance in;
    for (i_ = 0; i_ < lines_.size(); ++i_) {
      const std::string_view line = lines_[i_];
      if (line.find("jobs (incl. supersource/sink") != std::string_view::npos) {
        auto v = value_after_colon(line);
        if (!v || v->first < 0) return fail("expected the number of jobs after ':'", 1);
        jobs = v->first;
        in.jobs = jobs;
        in.duration.assign(jobs, 0);
        in.successors.assign(jobs, {});
      } else if (starts_with_key(line, "- renewable")) {
        auto v = value_after_colon(line);
        if (!v || v->first < 0) return fail("expected the number of renewable resources", 1);
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
    if (auto ok = schedule::validate_rcpsp(in); !ok) {
      Error e = ok.error();
      e.where = Location{name_};
      return std::unexpected(e);
    }
    return in;
  }

 private:
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

  Result<void> parse_precedence(schedule::RcpspInstance& in) {
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

  Result<void> parse_requests(schedule::RcpspInstance& in) {
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

  Result<void> parse_capacities(schedule::RcpspInstance& in) {
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

Result<schedule::RcpspInstance> parse_psplib(std::string_view text, const std::string& name) {
  return SmParser(text, name).parse();
}

Result<schedule::RcpspInstance> read_psplib(const std::string& path) {
  auto text = slurp(path);
  if (!text) return std::unexpected(text.error());
  return parse_psplib(*text, path);
}

Result<std::vector<PsplibReference>> parse_psplib_reference(std::string_view text,
                                                            const std::string& name) {
  const std::vector<std::string_view> lines = split_lines(text);
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
                        Location{name, static_cast<int>(li) + 1, 1},
                        "expected set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal");
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
    int proven = 0;
    for (auto [key, dst, required] :
         {std::tuple{"jobs", &ref.jobs, false}, std::tuple{"cpm_lb", &ref.cpm_lb, true},
          std::tuple{"best_ub", &ref.best_ub, true}, std::tuple{"best_lb", &ref.best_lb, false},
          std::tuple{"proven_optimal", &proven, false}}) {
      if (auto ok = get_int(key, *dst, required); !ok) return std::unexpected(ok.error());
    }
    ref.proven_optimal = proven != 0;
    out.push_back(std::move(ref));
  }
  return out;
}

Result<std::vector<PsplibReference>> read_psplib_reference(const std::string& path) {
  auto text = slurp(path);
  if (!text) return std::unexpected(text.error());
  return parse_psplib_reference(*text, path);
}

}  // namespace cairn::io
