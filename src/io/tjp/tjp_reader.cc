#include "io/tjp/tjp_reader.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "base/read_all.h"
#include "io/tjp/tjp_build.h"
#include "io/tjp/tjp_lexer.h"
#include "io/tjp/tjp_parser.h"

namespace cairn::io {

using plan::check_text;
using plan::LoadedPlan;

namespace {

namespace fs = std::filesystem;

// Reads a whole file; nullopt with an Error when it cannot be used.
Result<std::string> load(const std::string& path, const Location& from, size_t max_bytes,
                         const char* missing_id) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return make_error(missing_id, fmt::format("{} is a directory, not a .tjp file", path), from,
                      "name the project file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(missing_id, fmt::format("cannot read {}", path), from,
                      "check the path; includes are relative to the including file");
  auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes)
    return make_error("file-too-large",
                      fmt::format("{} is {:.1f} MB; project files may be {:.1f} MB at most", path,
                                  size / 1e6, max_bytes / 1e6),
                      Location{path, 0, 0, {}}, "split the project with include");
  std::string text = read_all(in, ec ? 0 : size);
  if (auto ok = check_text(text, path); !ok) return std::unexpected(ok.error());
  return text;
}

LoadedPlan run(tjp::Lexer& lex, size_t bytes, bool text_mode, Diagnostics& diags,
               const TjpReadOptions& options) {
  tjp::Parser parser(lex, diags, options.max_include_depth);
  parser.select_scenario(options.scenario);
  // A task takes 60 bytes or more of text: reserving avoids rehashing large tables.
  parser.project().tasks.reserve(bytes / 60 + 16);
  parser.project().task_index.reserve(bytes / 60 + 16);
  tjp::Parser::IncludeReader reader = [&](const std::string& path,
                                          const Location& from) -> std::optional<std::string> {
    if (text_mode && fs::path(path).is_relative() && fs::path(from.file).parent_path().empty()) {
      diags.error("include-not-found",
                  fmt::format("include '{}' cannot be read from text input", path), from,
                  "read the project from a file");
      return std::nullopt;
    }
    auto text = load(path, from, options.max_file_bytes, "include-not-found");
    if (!text) {
      diags.add_error(text.error());
      return std::nullopt;
    }
    return std::move(*text);
  };
  parser.parse(reader);
  parser.flush_warnings();
  tjp::BuildOptions bo;
  bo.validate = options.validate;
  bo.complete_as_progress = options.complete_as_progress;
  return tjp::build_plan(parser.project(), lex.files(), diags, bo);
}

tjp::LexerLimits limits(const TjpReadOptions& options) {
  tjp::LexerLimits l;
  l.max_include_depth = options.max_include_depth;
  return l;
}

}  // namespace

Result<LoadedPlan> read_tjp(const std::string& path, Diagnostics& diags,
                            const TjpReadOptions& options) {
  auto text = load(path, Location{}, options.max_file_bytes, "file-not-found");
  if (!text) return std::unexpected(text.error());
  tjp::Lexer lex(diags, limits(options));
  size_t bytes = text->size();
  lex.push_file(path, std::move(*text));
  return run(lex, bytes, false, diags, options);
}

Result<LoadedPlan> read_tjp_text(std::string_view text, const std::string& name, Diagnostics& diags,
                                 const TjpReadOptions& options) {
  if (text.size() > options.max_file_bytes)
    return make_error("file-too-large",
                      fmt::format("{} is {:.1f} MB; project files may be {:.1f} MB at most", name,
                                  text.size() / 1e6, options.max_file_bytes / 1e6),
                      Location{name, 0, 0, {}}, "split the project with include");
  if (auto ok = check_text(text, name); !ok) return std::unexpected(ok.error());
  tjp::Lexer lex(diags, limits(options));
  lex.push_file(name, std::string(text));
  return run(lex, text.size(), true, diags, options);
}

}  // namespace cairn::io
