// The TaskJuggler 3 (.tjp) lexer: turns the text of a project file, its includes and its macro
// expansions into a stream of tokens, pulled one at a time by the parser.
//
// It scans the whole buffer by hand (no regex). Token text is a view into the file buffer, or into
// an arena the lexer owns (macro expansions, strings with escapes); views stay valid as long as the
// lexer lives. Macro calls `${NAME "arg" ...}` are expanded as they are met (also inside strings),
// with `${1}`.. replaced by the arguments, `${?NAME}` allowed to be undefined and `$${` escaping.
// Expansion is textual, as in TaskJuggler: the characters glued to a call on either side (an id,
// a number, a date, other calls) are rescanned together with its expansion, so `${a}${b}` and
// `t${1}x` are one token each. Expansion depth and total expanded size are bounded, so hostile
// input cannot hang or exhaust memory. Tokens from a macro expansion carry the location of the
// outermost call in the file.
// Not thread-safe; one lexer per read.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"

namespace cairn::io::tjp {

enum class Tok : uint8_t {
  kEof,
  kId,         // foo, a.b.c (dotted ids are one token)
  kIdColon,    // foo: (a scenario prefix such as `delayed:`); text excludes the colon
  kString,     // "..." '...' or -8<- ... ->8-; text is the content
  kInteger,    // 42
  kFloat,      // 4.5
  kDate,       // 2007-04-02[-9:00[:00]][-+0000]
  kTime,       // 9:00
  kMacroBody,  // [ ... ] of a macro definition; text is the inside
  kPunct,      // one character, or <= >= !=
};

struct Token {
  Tok kind = Tok::kEof;
  bool bol = false;  // first token on its line
  std::string_view text;
  uint32_t file = 0;  // index into Lexer::files()
  int line = 0;
  int column = 0;

  bool is(Tok k, std::string_view t) const { return kind == k && text == t; }
  bool punct(char c) const { return kind == Tok::kPunct && text.size() == 1 && text[0] == c; }
  bool id(std::string_view t) const { return kind == Tok::kId && text == t; }
};

struct LexerLimits {
  int max_macro_depth = 64;                      // nested macro calls; default 64
  size_t max_expansion_bytes = size_t{8} << 20;  // all expansions together; default 8 MiB
  int max_include_depth = 16;                    // nested includes; default 16
};

class Lexer {
 public:
  Lexer(Diagnostics& diags, LexerLimits limits = {}) : diags_(diags), limits_(limits) {}

  // Starts (or nests) a file whose text the caller has read; `text` is copied into the arena.
  // A token already peeked comes after the file's tokens. Returns the file index.
  uint32_t push_file(std::string name, std::string text);
  int file_depth() const { return file_depth_; }
  // Whether a file of this name is being read (an include of it would loop).
  bool is_open(const std::string& name) const;

  // The next token (consumed), or the next one without consuming it.
  Token next();
  const Token& peek();

  // Defines or redefines a macro; `body` is copied.
  void define_macro(std::string_view name, std::string_view body);
  bool has_macro(std::string_view name) const { return macros_.count(std::string(name)) > 0; }

  const std::vector<std::string>& files() const { return file_names_; }
  Location where(const Token& t) const {
    return Location{
        file_names_.empty() ? std::string() : file_names_[t.file], t.line, t.column, {}};
  }
  // The directory of the file a token comes from ("" for text input without a path).
  std::string dir_of(const Token& t) const;

  // Set when expansion limits were hit; the rest of the input is dropped.
  bool aborted() const { return aborted_; }

 private:
  struct Source {
    std::string_view text;
    size_t pos = 0;
    uint32_t file = 0;
    int line = 1;  // current position, for file sources
    int column = 1;
    bool macro = false;
    int call_line = 0;  // for macro sources: where the outermost call is
    int call_column = 0;
    size_t no_call_until = 0;  // text[pos, no_call_until) holds no macro call glued to a word
    int depth = 0;  // macro sources: how deeply the calls that made this text nest (1 = in a file)
    bool bol = true;
  };

  Token scan();
  void skip_space_and_comments(Source& s);
  void advance(Source& s, size_t n);
  // Expands the call at s.text[call] with the glued text before it (from s.pos) and after it
  // (more glued characters and adjacent calls), and pushes the result as a macro source.
  void expand_glued_calls(Source& s, size_t call, int line, int col, bool bol);
  // Appends the expansion of the call at s.pos to `out` and moves past it; false on a malformed
  // call or when a limit is hit.
  bool expand_one_call(Source& s, int depth, int line, int col, std::string& out);
  std::string_view own(std::string text);
  Token make(Source& s, Tok kind, size_t begin, size_t end, int line, int col, bool bol);
  Token scan_string(Source& s, char quote, int line, int col, bool bol);
  Token scan_scissors(Source& s, int line, int col, bool bol);
  // Reads `text` (a macro's expansion, called at line:col of `file`) before the rest.
  void push_expansion(std::string text, uint32_t file, int line, int col, int depth, bool bol);
  Token scan_macro_body(Source& s, int line, int col, bool bol);
  Token scan_number(Source& s, int line, int col, bool bol);
  std::string expand_in_text(std::string_view text, const Source& s, int depth);
  void error(const Source& s, int line, int col, std::string id, std::string msg,
             std::string hint = {});

  Diagnostics& diags_;
  LexerLimits limits_;
  std::vector<Source> stack_;
  std::deque<std::string> arena_;
  std::vector<std::string> file_names_;
  std::unordered_map<std::string, std::string> macros_;
  Token peeked_;
  bool has_peeked_ = false;
  // A token peeked before push_file, with the stack size it was pushed at: it follows the file
  // (scan returns it when the stack is back to that size).
  std::vector<std::pair<size_t, Token>> deferred_;
  int file_depth_ = 0;
  size_t expanded_bytes_ = 0;
  bool aborted_ = false;
};

}  // namespace cairn::io::tjp
