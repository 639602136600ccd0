// Reading the YAML plan file into a Program: files, includes, references. See
// docs/plan-format.md for the format and plan_yaml_sections.cc for the sections.
#include <yaml-cpp/depthguard.h>

#include "base/codes.h"
#include "base/read_all.h"
#include "plan/yaml_reader.h"

namespace cairn::plan {
namespace detail {

bool Reader::read_text(std::string_view text, const std::string& name, const fs::path& dir,
                       int depth) {
  file_ = name;
  files_.push_back(name);
  if (text.size() > opt_.max_file_bytes) {
    diags_.error(codes::kFileTooLarge,
                 fmt::format("{} is {:.1f} MB; plan files may be {:.1f} MB at most", name,
                             text.size() / 1e6, opt_.max_file_bytes / 1e6),
                 Location{name, 0, 0, {}}, "split the plan with include:");
    unusable_ = true;
    return false;
  }
  if (auto ok = check_text(text, name); !ok) {
    diags_.add_error(ok.error());
    unusable_ = true;
    return false;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    diags_.error(codes::kNestingTooDeep, "the YAML nests too deeply to be a plan",
                 Location{name, e.mark.line + 1, e.mark.column + 1, {}},
                 "plans nest a few levels; check for runaway brackets");
    unusable_ = true;
    return false;
  } catch (const YAML::Exception& e) {
    diags_.error(codes::kInvalidYaml, fmt::format("not valid YAML: {}", e.msg),
                 Location{name, e.mark.line + 1, e.mark.column + 1, {}},
                 "fix the syntax at this place (indentation, a missing colon or quote)");
    unusable_ = true;
    return false;
  }
  try {
    read_document(root, dir, depth);
  } catch (const YAML::Exception& e) {
    diags_.error(codes::kInvalidYaml, fmt::format("unexpected YAML structure: {}", e.msg),
                 Location{name, e.mark.line + 1, e.mark.column + 1, {}}, "check this place");
  }
  return true;
}

bool Reader::read_file(const std::string& path, int depth, const Location& from) {
  std::error_code ec;
  fs::path p(path);
  if (fs::is_directory(p, ec)) p /= "plan.yaml";
  std::string canonical = fs::weakly_canonical(p, ec).string();
  if (std::find(include_stack_.begin(), include_stack_.end(), canonical) != include_stack_.end()) {
    diags_.error(codes::kIncludeCycle,
                 fmt::format("{} includes itself (through the include chain)", p.string()), from,
                 "remove the include that closes the loop");
    return false;
  }
  if (files_read_.count(canonical)) return true;  // included from two places: read once
  std::ifstream in(p, std::ios::binary);
  if (!in || fs::is_directory(p, ec)) {
    if (depth == 0) {
      fatal_ = Error{codes::kFileNotFound, fmt::format("cannot read {}", p.string()), from,
                     "check the path"};
      has_fatal_ = true;
    } else {
      diags_.error(codes::kIncludeNotFound,
                   fmt::format("included file {} cannot be read", p.string()), from,
                   "check the path; includes are relative to the including file");
    }
    return false;
  }
  auto size = fs::file_size(p, ec);
  if (!ec && size > opt_.max_file_bytes) {
    diags_.error(codes::kFileTooLarge,
                 fmt::format("{} is {:.1f} MB; plan files may be {:.1f} MB at most", p.string(),
                             size / 1e6, opt_.max_file_bytes / 1e6),
                 Location{p.string(), 0, 0, {}}, "split the plan with include:");
    unusable_ = true;
    return false;
  }
  std::string text = read_all(in, ec ? 0 : size);
  include_stack_.push_back(canonical);
  files_read_.insert(canonical);
  bool ok =
      read_text(text, p.string(), p.parent_path().empty() ? fs::path(".") : p.parent_path(), depth);
  include_stack_.pop_back();
  return ok;
}

Result<LoadedPlan> Reader::finish() {
  if (has_fatal_) return std::unexpected(fatal_);
  if (!have_program_ && !unusable_) {
    diags_.error(codes::kMissingProgram, "the plan has no program: section",
                 Location{files_.empty() ? "" : files_.front(), 1, 1, {}},
                 "start the plan with program: {key: ..., name: ..., start: YYYY-MM-DD}");
  }
  for (const auto& [idx, node] : person_calendars_) {
    file_ = sources_.at(K::kPerson, idx).file;
    if (auto c =
            calendar(node, "person " + program_.people[idx].key + " calendar", program_.calendar))
      program_.people[idx].calendar = *c;
  }
  program_.reindex();
  std::vector<std::string> keys[4];
  for (const auto& t : program_.teams)
    keys[0].push_back(t.key);
  for (const auto& p : program_.people)
    keys[1].push_back(p.key);
  for (const auto& i : program_.items)
    keys[2].push_back(i.key);
  for (const auto& m : program_.milestones)
    keys[3].push_back(m.key);
  int unknown_refs = 0;
  for (auto& r : refs_) {
    uint32_t found = Id<void>::kInvalid;
    switch (r.kind) {
      case RefKind::kTeam:
        found = program_.find_team(r.key).value;
        break;
      case RefKind::kPerson:
        found = program_.find_person(r.key).value;
        break;
      case RefKind::kItem:
        found = program_.find_item(r.key).value;
        break;
      case RefKind::kMilestone:
        found = program_.find_milestone(r.key).value;
        break;
    }
    if (found == Id<void>::kInvalid) {
      // "Did you mean" compares with every key: only for the first unknown references, so a
      // plan with many thousands of them cannot make the reader quadratic.
      constexpr int kSuggestions = 100;
      auto near = unknown_refs++ < kSuggestions ? closest(r.key, keys[static_cast<int>(r.kind)])
                                                : std::string{};
      diags_.error(ref_id(r.kind), fmt::format("unknown {} '{}'", ref_noun(r.kind), r.key), r.where,
                   near.empty() ? fmt::format("define it under {}:", ref_section(r.kind))
                                : fmt::format("did you mean '{}'?", near));
      continue;
    }
    r.set(found);
  }
  // Dependencies whose ends did not resolve cannot be kept.
  std::vector<Dependency> deps;
  std::vector<uint32_t> keep;
  for (uint32_t i = 0; i < program_.dependencies.size(); ++i)
    if (program_.dependencies[i].predecessor.valid() && program_.dependencies[i].successor.valid())
      keep.push_back(i);
  if (keep.size() != program_.dependencies.size()) {
    SourceMap moved = sources_;
    for (uint32_t j = 0; j < keep.size(); ++j) {
      deps.push_back(program_.dependencies[keep[j]]);
      moved.set(K::kDependency, j, {}, sources_.at(K::kDependency, keep[j]));
    }
    program_.dependencies = std::move(deps);
    sources_ = std::move(moved);
  }
  program_.fill_default_teams();
  if (opt_.validate) validate(program_, sources_, diags_);
  diags_.sort();
  return LoadedPlan{std::move(program_), std::move(sources_), std::move(files_)};
}

}  // namespace detail

using detail::Reader;

Result<void> check_text(std::string_view text, const std::string& name) {
  int line = 1, col = 1;
  size_t i = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  while (i < text.size()) {
    unsigned char c = s[i];
    size_t len = 0;
    uint32_t cp = 0;
    if (c == 0) {
      return make_error(codes::kBinaryInput,
                        fmt::format("{} has a NUL byte: it is binary, not text", name),
                        Location{name, line, col, {}}, "give a UTF-8 text file");
    }
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (ok && len > 1) {
      static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
    }
    if (!ok) {
      return make_error(codes::kInvalidUtf8,
                        fmt::format("{} is not valid UTF-8 (byte 0x{:02X})", name, c),
                        Location{name, line, col, {}}, "save the file as UTF-8");
    }
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += len;
  }
  return {};
}

Result<LoadedPlan> read_plan(const std::vector<std::string>& paths, Diagnostics& diags,
                             const PlanReadOptions& options) {
  Reader r(diags, options);
  if (paths.empty()) return make_error(codes::kUsage, "no plan file given", {}, "name a plan file");
  for (const auto& p : paths) {
    r.read_file(p, 0, Location{});
    if (r.has_fatal()) return std::unexpected(r.fatal());
  }
  return r.finish();
}

namespace {

template <typename Json>
YAML::Node to_node(const Json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      YAML::Node n(YAML::NodeType::Map);
      for (auto it = j.begin(); it != j.end(); ++it)
        n.force_insert(it.key(), to_node(it.value()));
      return n;
    }
    case nlohmann::json::value_t::array: {
      YAML::Node n(YAML::NodeType::Sequence);
      for (const auto& e : j)
        n.push_back(to_node(e));
      return n;
    }
    case nlohmann::json::value_t::string:
      return YAML::Node(j.template get<std::string>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return YAML::Node(YAML::NodeType::Null);
    default:
      return YAML::Node(j.dump());  // numbers and booleans, as their JSON text
  }
}

template <typename Json>
Result<LoadedPlan> read_json_doc(const Json& doc, const std::string& name, Diagnostics& diags,
                                 const PlanReadOptions& options) {
  Reader r(diags, options);
  r.read_root(to_node(doc), name);
  return r.finish();
}

}  // namespace

Result<LoadedPlan> read_plan_json(const nlohmann::json& doc, const std::string& name,
                                  Diagnostics& diags, const PlanReadOptions& options) {
  return read_json_doc(doc, name, diags, options);
}

Result<LoadedPlan> read_plan_json(const nlohmann::ordered_json& doc, const std::string& name,
                                  Diagnostics& diags, const PlanReadOptions& options) {
  return read_json_doc(doc, name, diags, options);
}

Result<LoadedPlan> read_plan_text(std::string_view text, const std::string& name,
                                  Diagnostics& diags, const PlanReadOptions& options) {
  Reader r(diags, options);
  r.read_text(text, name, {}, 0);
  return r.finish();
}

}  // namespace cairn::plan
