#include "io/tjp/tjp_lexer.h"

#include <filesystem>

#include <fmt/format.h>

namespace cairn::io::tjp {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_id_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_id_char(char c) {
  return is_id_start(c) || is_digit(c);
}

// Characters that continue a token across a macro call: `${a}${b}`, `t${1}`, `${year}-05-01`.
bool is_glue_char(char c) {
  return is_id_char(c) || c == '.' || c == ':' || c == '-' || c == '+' || c == '!';
}

// Whether text[pos] starts a macro call `${name` or `${?name` (`${1}` and the like are plain text).
bool is_call_at(std::string_view t, size_t pos) {
  if (pos + 1 >= t.size() || t[pos] != '$' || t[pos + 1] != '{') return false;
  size_t q = pos + 2;
  while (q < t.size() && (t[q] == ' ' || t[q] == '\t' || t[q] == '?'))
    ++q;
  return q < t.size() && is_id_start(t[q]);
}

size_t count_digits(std::string_view t, size_t p, size_t max) {
  size_t n = 0;
  while (p + n < t.size() && n < max && is_digit(t[p + n]))
    ++n;
  return n;
}

// A parsed `${NAME "a" "b"}` call: `end` is just past the closing brace.
struct MacroCall {
  std::string_view name;
  bool optional = false;
  std::vector<std::string> args;
  size_t end = 0;
  bool ok = false;
};

// Parses a macro call starting at text[pos] == '$', text[pos+1] == '{'.
MacroCall parse_call(std::string_view t, size_t pos) {
  MacroCall c;
  size_t p = pos + 2;
  while (p < t.size() && (t[p] == ' ' || t[p] == '\t'))
    ++p;
  if (p < t.size() && t[p] == '?') {
    c.optional = true;
    ++p;
  }
  size_t b = p;
  while (p < t.size() && is_id_char(t[p]))
    ++p;
  c.name = t.substr(b, p - b);
  while (true) {
    while (p < t.size() && is_space(t[p]))
      ++p;
    if (p >= t.size()) {
      c.end = p;
      return c;
    }
    if (t[p] == '}') {
      c.end = p + 1;
      c.ok = !c.name.empty();
      return c;
    }
    if (t[p] != '"') {
      // Junk inside the call: resync at the closing brace on this line.
      while (p < t.size() && t[p] != '}' && t[p] != '\n')
        ++p;
      c.end = p < t.size() && t[p] == '}' ? p + 1 : p;
      return c;
    }
    ++p;
    std::string arg;
    while (p < t.size() && t[p] != '"') {
      if (t[p] == '\\' && p + 1 < t.size() && t[p + 1] == '"') ++p;
      arg += t[p++];
    }
    if (p >= t.size()) {
      c.end = p;
      return c;
    }
    ++p;  // closing quote
    c.args.push_back(std::move(arg));
  }
}

// Replaces ${0}..${n} (not preceded by '$') and then $${ by ${. Copies in chunks.
std::string substitute(std::string_view body, std::string_view name,
                       const std::vector<std::string>& args) {
  std::string out;
  out.reserve(body.size() + 64);
  size_t done = 0;
  for (size_t i = body.find("${"); i != std::string_view::npos; i = body.find("${", i + 1)) {
    if (i > 0 && body[i - 1] == '$') {
      // $${ is an escaped ${: drop one '$'.
      out.append(body.substr(done, i - 1 - done));
      done = i;
      continue;
    }
    size_t p = i + 2;
    size_t n = 0, digits = 0;
    while (p < body.size() && is_digit(body[p]) && digits < 6) {
      n = n * 10 + static_cast<size_t>(body[p++] - '0');
      ++digits;
    }
    if (digits == 0 || p >= body.size() || body[p] != '}') continue;
    if (n > args.size()) continue;  // no such argument: left as written
    out.append(body.substr(done, i - done));
    out.append(n == 0 ? name : std::string_view(args[n - 1]));
    done = p + 1;
    i = p;
  }
  out.append(body.substr(done));
  return out;
}

}  // namespace

uint32_t Lexer::push_file(std::string name, std::string text) {
  auto view = own(std::move(text));
  file_names_.push_back(std::move(name));
  Source s;
  s.text = view;
  s.file = static_cast<uint32_t>(file_names_.size() - 1);
  // Skip a UTF-8 byte order mark.
  if (view.size() >= 3 && view.substr(0, 3) == "\xEF\xBB\xBF") s.pos = 3;
  if (has_peeked_) {
    deferred_.emplace_back(stack_.size(), peeked_);
    has_peeked_ = false;
  }
  stack_.push_back(s);
  ++file_depth_;
  return s.file;
}

bool Lexer::is_open(const std::string& name) const {
  for (const auto& s : stack_)
    if (!s.macro && file_names_[s.file] == name) return true;
  return false;
}

std::string Lexer::dir_of(const Token& t) const {
  if (t.file >= file_names_.size()) return {};
  std::filesystem::path p(file_names_[t.file]);
  return p.parent_path().string();
}

std::string_view Lexer::own(std::string text) {
  arena_.push_back(std::move(text));
  return arena_.back();
}

void Lexer::define_macro(std::string_view name, std::string_view body) {
  macros_[std::string(name)] = std::string(body);
}

void Lexer::error(const Source& s, int line, int col, std::string id, std::string msg,
                  std::string hint) {
  diags_.error(std::move(id), std::move(msg),
               Location{file_names_.empty() ? std::string() : file_names_[s.file], line, col, {}},
               std::move(hint));
}

const Token& Lexer::peek() {
  if (!has_peeked_) {
    peeked_ = scan();
    has_peeked_ = true;
  }
  return peeked_;
}

Token Lexer::next() {
  if (has_peeked_) {
    has_peeked_ = false;
    return peeked_;
  }
  return scan();
}

void Lexer::advance(Source& s, size_t n) {
  size_t end = std::min(s.text.size(), s.pos + n);
  for (; s.pos < end; ++s.pos) {
    if (s.text[s.pos] == '\n') {
      ++s.line;
      s.column = 1;
      s.bol = true;
    } else {
      ++s.column;
    }
  }
}

void Lexer::skip_space_and_comments(Source& s) {
  const std::string_view t = s.text;
  while (s.pos < t.size()) {
    char c = t[s.pos];
    if (c == '\n') {
      ++s.pos;
      ++s.line;
      s.column = 1;
      s.bol = true;
    } else if (is_space(c)) {
      ++s.pos;
      ++s.column;
    } else if (c == '#' || (c == '/' && s.pos + 1 < t.size() && t[s.pos + 1] == '/')) {
      size_t e = t.find('\n', s.pos);
      if (e == std::string_view::npos) e = t.size();
      s.column += static_cast<int>(e - s.pos);
      s.pos = e;
    } else if (c == '/' && s.pos + 1 < t.size() && t[s.pos + 1] == '*') {
      size_t e = t.find("*/", s.pos + 2);
      if (e == std::string_view::npos) {
        error(s, s.macro ? s.call_line : s.line, s.macro ? s.call_column : s.column, "tjp-syntax",
              "unterminated /* comment", "close it with */");
        advance(s, t.size() - s.pos);
        return;
      }
      advance(s, e + 2 - s.pos);
    } else {
      return;
    }
  }
}

Token Lexer::make(Source& s, Tok kind, size_t begin, size_t end, int line, int col, bool bol) {
  Token tok;
  tok.kind = kind;
  tok.bol = bol;
  tok.text = s.text.substr(begin, end - begin);
  tok.file = s.file;
  tok.line = line;
  tok.column = col;
  s.bol = false;
  return tok;
}

bool Lexer::expand_one_call(Source& s, int depth, int line, int col, std::string& out) {
  MacroCall call = parse_call(s.text, s.pos);
  advance(s, call.end - s.pos);
  if (!call.ok) {
    error(s, line, col, "tjp-syntax", "malformed macro call",
          "write ${NAME} or ${NAME \"arg\" ...} with double-quoted arguments");
    return false;
  }
  if (depth > limits_.max_macro_depth) {
    error(s, line, col, "tjp-macro-recursion",
          fmt::format("macro calls nest deeper than {} levels (at '{}')", limits_.max_macro_depth,
                      call.name),
          "check for a macro that calls itself");
    aborted_ = true;
    return false;
  }
  auto it = macros_.find(std::string(call.name));
  if (it == macros_.end()) {
    if (!call.optional)
      error(s, line, col, "tjp-undefined-macro", fmt::format("undefined macro '{}'", call.name),
            "define it with `macro NAME [ ... ]` before using it");
    return true;
  }
  std::string text = substitute(it->second, call.name, call.args);
  expanded_bytes_ += text.size();
  if (expanded_bytes_ > limits_.max_expansion_bytes) {
    error(s, line, col, "tjp-macro-too-large",
          fmt::format("macro expansions exceed {} MiB", limits_.max_expansion_bytes >> 20),
          "check for macros that multiply each other");
    aborted_ = true;
    return false;
  }
  out += text;
  return true;
}

void Lexer::expand_glued_calls(Source& s, size_t call, int line, int col, bool bol) {
  const std::string_view t = s.text;
  const int depth = (s.macro ? s.depth : 0) + 1;
  std::string text(t.substr(s.pos, call - s.pos));  // the glued prefix, such as `t` in t${1}
  advance(s, call - s.pos);
  while (!aborted_) {
    if (!expand_one_call(s, depth, line, col, text)) break;
    // Characters glued after the call, up to the next call or the end of the word.
    size_t e = s.pos;
    while (e < t.size() && is_glue_char(t[e]))
      ++e;
    text.append(t.substr(s.pos, e - s.pos));
    expanded_bytes_ += e - s.pos;
    advance(s, e - s.pos);
    if (!is_call_at(t, s.pos)) break;
  }
  s.bol = false;
  if (aborted_ || text.empty()) return;
  push_expansion(std::move(text), s.file, line, col, depth, bol);
}

void Lexer::push_expansion(std::string text, uint32_t file, int line, int col, int depth,
                           bool bol) {
  Source m;
  m.text = own(std::move(text));
  m.file = file;
  m.macro = true;
  m.call_line = line;
  m.call_column = col;
  m.depth = depth;
  m.bol = bol;
  stack_.push_back(m);
}

std::string Lexer::expand_in_text(std::string_view text, const Source& s, int depth) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{' && !aborted_) {
      MacroCall call = parse_call(text, i);
      auto it = macros_.find(std::string(call.name));
      if (call.ok && it != macros_.end() && depth < limits_.max_macro_depth) {
        std::string exp = substitute(it->second, call.name, call.args);
        expanded_bytes_ += exp.size();
        if (expanded_bytes_ > limits_.max_expansion_bytes) {
          error(s, s.macro ? s.call_line : s.line, s.macro ? s.call_column : s.column,
                "tjp-macro-too-large",
                fmt::format("macro expansions exceed {} MiB", limits_.max_expansion_bytes >> 20),
                "check for macros that multiply each other");
          aborted_ = true;
          return out;
        }
        out += expand_in_text(exp, s, depth + 1);
        i = call.end;
        continue;
      }
      if (call.ok && call.optional && it == macros_.end()) {
        i = call.end;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

Token Lexer::scan_string(Source& s, char quote, int line, int col, bool bol) {
  const std::string_view t = s.text;
  size_t p = s.pos + 1;
  bool escapes = false, macros = false;
  while (p < t.size() && t[p] != quote) {
    if (t[p] == '\\' && p + 1 < t.size() && t[p + 1] == quote) {
      escapes = true;
      p += 2;
      continue;
    }
    if (t[p] == '$' && p + 1 < t.size() && t[p + 1] == '{') {
      // Step over a macro call (its arguments hold double quotes).
      macros = true;
      MacroCall c = parse_call(t, p);
      p = std::max(c.end, p + 2);
      continue;
    }
    ++p;
  }
  if (p >= t.size()) {
    error(s, line, col, "tjp-syntax", "unterminated string", "close the string with its quote");
    size_t b = s.pos + 1;
    advance(s, t.size() - s.pos);
    Token tok = make(s, Tok::kString, b, t.size(), line, col, bol);
    return tok;
  }
  size_t b = s.pos + 1, e = p;
  advance(s, p + 1 - s.pos);
  Token tok = make(s, Tok::kString, b, e, line, col, bol);
  if (escapes || macros) {
    std::string v;
    v.reserve(e - b);
    for (size_t i = b; i < e; ++i) {
      if (t[i] == '\\' && i + 1 < e && t[i + 1] == quote) continue;
      v += t[i];
    }
    if (macros) v = expand_in_text(v, s, 0);
    tok.text = own(std::move(v));
  }
  return tok;
}

Token Lexer::scan_scissors(Source& s, int line, int col, bool bol) {
  const std::string_view t = s.text;
  const size_t p = s.pos + 4;  // past -8<-
  size_t close = t.find("->8-", p);
  size_t past = close == std::string_view::npos ? close : close + 4;  // where the token ends
  // tj3 expands macros as it reads, so the closing ->8- may come from a macro (tj3's own
  // ReportGenerator/Macros.tjp): with a call before the close, the calls are expanded in order up
  // to the first ->8- of the text so expanded, and what follows it in that macro is read next.
  std::string expanded, rest;
  const bool calls =
      t.substr(p, close == std::string_view::npos ? t.size() - p : close - p).find("${") !=
      std::string_view::npos;
  if (calls) {
    for (size_t i = p; i < t.size() && !aborted_;) {
      if (t.substr(i, 4) == "->8-") {
        close = i, past = i + 4;
        break;
      }
      if (is_call_at(t, i)) {
        MacroCall call = parse_call(t, i);
        if (call.ok) {
          std::string exp = expand_in_text(t.substr(i, call.end - i), s, 0);
          if (size_t k = exp.find("->8-"); k != std::string::npos) {
            expanded.append(exp, 0, k);
            rest = exp.substr(k + 4);
            close = i, past = call.end;
            break;
          }
          expanded += exp;
          i = call.end;
          continue;
        }
      }
      expanded += t[i++];
    }
  }
  if (close == std::string_view::npos || past == std::string_view::npos) {
    error(s, line, col, "tjp-syntax", "unterminated -8<- string", "close it with ->8-");
    advance(s, t.size() - s.pos);
    return make(s, Tok::kString, t.size(), t.size(), line, col, bol);
  }
  const std::string_view text = calls ? std::string_view(expanded) : t.substr(p, close - p);
  const size_t nl = text.find('\n');
  std::string v;
  if (nl != std::string_view::npos) {
    std::string_view body = text.substr(nl + 1);
    // Indentation of the first line is removed from every line.
    size_t ind = 0;
    while (ind < body.size() && (body[ind] == ' ' || body[ind] == '\t'))
      ++ind;
    std::string_view indent = body.substr(0, ind);
    size_t i = 0;
    while (i < body.size()) {
      size_t e = body.find('\n', i);
      if (e == std::string_view::npos) e = body.size();
      std::string_view ln = body.substr(i, e - i);
      size_t k = 0;
      while (k < ln.size() && k < indent.size() && ln[k] == indent[k])
        ++k;
      ln.remove_prefix(k);
      // The closing line holds only whitespace before ->8-.
      bool last = e == body.size();
      if (!(last && ln.find_first_not_of(" \t\r") == std::string_view::npos)) {
        v.append(ln);
        if (!last) v += '\n';
      }
      i = e + 1;
    }
  }
  advance(s, past - s.pos);
  Token tok = make(s, Tok::kString, 0, 0, line, col, bol);
  tok.text = own(std::move(v));    // macro calls in it were expanded above
  if (!rest.empty() && !aborted_)  // the rest of the macro that closed the string
    push_expansion(std::move(rest), s.file, line, col, (s.macro ? s.depth : 0) + 1, false);
  return tok;
}

Token Lexer::scan_macro_body(Source& s, int line, int col, bool bol) {
  const std::string_view t = s.text;
  size_t p = s.pos + 1;
  size_t end = std::string_view::npos;
  while (p < t.size()) {
    size_t c = t.find(']', p);
    if (c == std::string_view::npos) break;
    if (c + 1 == t.size() || t[c + 1] == '\n' ||
        (t[c + 1] == '\r' && (c + 2 == t.size() || t[c + 2] == '\n'))) {
      end = c;
      break;
    }
    p = c + 1;
  }
  if (end == std::string_view::npos) {
    error(s, line, col, "tjp-syntax", "unterminated macro body",
          "end the macro body with ] as the last character of a line");
    size_t b = s.pos + 1;
    advance(s, t.size() - s.pos);
    return make(s, Tok::kMacroBody, b, t.size(), line, col, bol);
  }
  size_t b = s.pos + 1;
  advance(s, end + 1 - s.pos);
  return make(s, Tok::kMacroBody, b, end, line, col, bol);
}

Token Lexer::scan_number(Source& s, int line, int col, bool bol) {
  const std::string_view t = s.text;
  size_t b = s.pos;
  size_t d = count_digits(t, b, 32);
  // Date: \d{4}-\d{1,2}-\d{1,2}(-\d{1,2}:\d{1,2}(:\d{1,2})?(-[-+]?\d{4})?)?
  if (d == 4 && b + 4 < t.size() && t[b + 4] == '-') {
    size_t p = b + 5;
    size_t m = count_digits(t, p, 2);
    if (m > 0 && p + m < t.size() && t[p + m] == '-') {
      size_t q = p + m + 1;
      size_t dd = count_digits(t, q, 2);
      if (dd > 0) {
        size_t e = q + dd;
        // Optional time.
        if (e + 1 < t.size() && t[e] == '-') {
          size_t h = count_digits(t, e + 1, 2);
          size_t hp = e + 1 + h;
          if (h > 0 && hp < t.size() && t[hp] == ':') {
            size_t mi = count_digits(t, hp + 1, 2);
            if (mi > 0) {
              e = hp + 1 + mi;
              if (e < t.size() && t[e] == ':') {
                size_t se = count_digits(t, e + 1, 2);
                if (se > 0) e = e + 1 + se;
              }
              // Optional zone -+0000, --0500, -0500.
              if (e < t.size() && t[e] == '-') {
                size_t z = e + 1;
                if (z < t.size() && (t[z] == '+' || t[z] == '-')) ++z;
                if (count_digits(t, z, 4) == 4 && !(z + 4 < t.size() && is_digit(t[z + 4])))
                  e = z + 4;
              }
            }
          }
        }
        advance(s, e - b);
        return make(s, Tok::kDate, b, e, line, col, bol);
      }
    }
  }
  size_t e = b + d;
  // Time: \d{1,2}:\d{2}
  if (d >= 1 && d <= 2 && e + 2 < t.size() + 0 && t[e] == ':' && count_digits(t, e + 1, 2) == 2) {
    e += 3;
    if (e + 2 < t.size() + 0 && t[e] == ':' && count_digits(t, e + 1, 2) == 2) e += 3;
    advance(s, e - b);
    return make(s, Tok::kTime, b, e, line, col, bol);
  }
  if (e < t.size() && t[e] == '.' && e + 1 < t.size() && is_digit(t[e + 1])) {
    e += 1 + count_digits(t, e + 1, 32);
    while (e < t.size() && is_digit(t[e]))
      ++e;
    advance(s, e - b);
    return make(s, Tok::kFloat, b, e, line, col, bol);
  }
  while (e < t.size() && is_digit(t[e]))
    ++e;
  advance(s, e - b);
  return make(s, Tok::kInteger, b, e, line, col, bol);
}

Token Lexer::scan() {
  while (!stack_.empty() && !aborted_) {
    Source& s = stack_.back();
    skip_space_and_comments(s);
    const std::string_view t = s.text;
    if (s.pos >= t.size()) {
      bool was_macro = s.macro;
      bool bol = s.bol;
      stack_.pop_back();
      if (was_macro) {
        // A macro that ended with a line break leaves the caller at the start of a line.
        if (!stack_.empty() && bol) stack_.back().bol = true;
      } else {
        --file_depth_;
      }
      if (!deferred_.empty() && deferred_.back().first == stack_.size()) {
        Token d = deferred_.back().second;
        deferred_.pop_back();
        return d;
      }
      continue;
    }
    const int line = s.macro ? s.call_line : s.line;
    const int col = s.macro ? s.call_column : s.column;
    const bool bol = s.bol;
    const char c = t[s.pos];
    const char c1 = s.pos + 1 < t.size() ? t[s.pos + 1] : '\0';
    // Macro calls, with the characters glued to them (only ${name} is a call; anything else, such
    // as an escaped ${1}, is plain text).
    if ((is_glue_char(c) || c == '$') && s.pos >= s.no_call_until) {
      size_t e = s.pos;
      while (e < t.size() && is_glue_char(t[e]))
        ++e;
      if (is_call_at(t, e)) {
        expand_glued_calls(s, e, line, col, bol);
        continue;
      }
      s.no_call_until = e;  // the tokens of this word need no second look (keeps it linear)
    }
    if (c == '$' && c1 == '(') {
      size_t e = t.find(')', s.pos);
      if (e == std::string_view::npos ||
          t.substr(s.pos, e - s.pos).find('\n') != std::string_view::npos)
        e = s.pos + 1;
      diags_.warning("tjp-unsupported",
                     fmt::format("environment variable reference {} is not supported; it is "
                                 "left empty",
                                 t.substr(s.pos, e + 1 - s.pos)),
                     Location{file_names_[s.file], line, col, {}}, "write the value into the file");
      advance(s, e + 1 - s.pos);
      continue;
    }
    if (is_id_start(c)) {
      size_t b = s.pos, e = b + 1;
      while (e < t.size() && is_id_char(t[e]))
        ++e;
      // Dotted ids: a.b.c
      while (e + 1 < t.size() && t[e] == '.' && is_id_start(t[e + 1])) {
        e += 2;
        while (e < t.size() && is_id_char(t[e]))
          ++e;
      }
      if (e < t.size() && t[e] == ':' && !(e + 1 < t.size() && is_digit(t[e + 1]))) {
        advance(s, e + 1 - b);
        return make(s, Tok::kIdColon, b, e, line, col, bol);
      }
      advance(s, e - b);
      return make(s, Tok::kId, b, e, line, col, bol);
    }
    if (is_digit(c) || (c == '.' && is_digit(c1))) {
      if (c == '.') {
        size_t b = s.pos, e = b + 1;
        while (e < t.size() && is_digit(t[e]))
          ++e;
        advance(s, e - b);
        return make(s, Tok::kFloat, b, e, line, col, bol);
      }
      return scan_number(s, line, col, bol);
    }
    if (c == '"' || c == '\'') return scan_string(s, c, line, col, bol);
    if (c == '-' && t.substr(s.pos, 4) == "-8<-") return scan_scissors(s, line, col, bol);
    if (c == '[') return scan_macro_body(s, line, col, bol);
    size_t b = s.pos;
    size_t n = ((c == '<' || c == '>' || c == '!') && c1 == '=') ? 2 : 1;
    advance(s, n);
    return make(s, Tok::kPunct, b, b + n, line, col, bol);
  }
  Token eof;
  eof.kind = Tok::kEof;
  eof.bol = true;
  eof.file = 0;
  return eof;
}

}  // namespace cairn::io::tjp
