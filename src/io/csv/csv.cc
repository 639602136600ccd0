#include "io/csv/csv.h"

#include <cstring>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::io {

CsvReader::CsvReader(std::string_view text, std::string name, CsvOptions options)
    : text_(text), name_(std::move(name)), options_(options) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
    pos_ = 3;
    line_start_ = 3;
  }
}

Location CsvReader::field_location(size_t i) const {
  if (i >= pos_list_.size()) return at(record_line_, 0);
  return at(pos_list_[i].line, pos_list_[i].column);
}

Result<bool> CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  pos_list_.clear();
  scratch_.clear();
  const size_t n = text_.size();
  const char* data = text_.data();
  const char delim = options_.delimiter;

  // Consumes one line end at pos_ (CRLF, LF or CR).
  auto eat_line_end = [&] {
    if (data[pos_] == '\r' && pos_ + 1 < n && data[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
  };
  while (pos_ < n && (data[pos_] == '\n' || data[pos_] == '\r'))
    eat_line_end();
  if (pos_ >= n) return false;
  record_line_ = line_;

  for (;;) {
    FieldPos f;
    f.line = line_;
    f.column = static_cast<int>(pos_ - line_start_) + 1;
    if (pos_ < n && data[pos_] == '"') {
      ++pos_;
      const size_t start = pos_;
      bool copied = false;
      for (;;) {
        const void* q = pos_ < n ? std::memchr(data + pos_, '"', n - pos_) : nullptr;
        if (q == nullptr) {
          return make_error(codes::kInvalidCsv,
                            "a quoted field is never closed (it runs to the end of the file)",
                            at(f.line, f.column),
                            "close the field with a quote; write a quote inside it as \"\"");
        }
        const size_t qi = static_cast<const char*>(q) - data;
        for (size_t i = pos_; i < qi; ++i) {
          if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= n || data[i + 1] != '\n'))) {
            ++line_;
            line_start_ = i + 1;
          }
        }
        if (copied) scratch_.append(data + pos_, qi - pos_);
        if (qi + 1 < n && data[qi + 1] == '"') {
          if (!copied) {
            copied = true;
            f.begin = scratch_.size();
            scratch_.append(data + start, qi - start);
          }
          scratch_ += '"';
          pos_ = qi + 2;
          continue;
        }
        if (copied) {
          f.scratch = true;
          f.size = scratch_.size() - f.begin;
        } else {
          f.begin = start;
          f.size = qi - start;
        }
        pos_ = qi + 1;
        break;
      }
      if (pos_ < n && data[pos_] != delim && data[pos_] != '\n' && data[pos_] != '\r') {
        return make_error(codes::kInvalidCsv,
                          fmt::format("unexpected text after the closing quote of field {}",
                                      pos_list_.size() + 1),
                          at(line_, static_cast<int>(pos_ - line_start_) + 1),
                          "quote the whole field and double every quote inside it");
      }
    } else {
      const size_t start = pos_;
      while (pos_ < n && data[pos_] != delim && data[pos_] != '\n' && data[pos_] != '\r')
        ++pos_;
      f.begin = start;
      f.size = pos_ - start;
    }
    pos_list_.push_back(f);
    if (pos_list_.size() > options_.max_fields) {
      return make_error(codes::kInvalidCsv,
                        fmt::format("record has more than {} fields", options_.max_fields),
                        at(record_line_, 1), "is this really a CSV file?");
    }
    if (pos_ >= n) break;
    if (data[pos_] == delim) {
      ++pos_;
      if (pos_ >= n) {
        pos_list_.push_back(
            FieldPos{pos_, 0, false, line_, static_cast<int>(pos_ - line_start_) + 1});
        break;
      }
      continue;
    }
    eat_line_end();
    break;
  }

  fields.reserve(pos_list_.size());
  for (const FieldPos& f : pos_list_) {
    fields.emplace_back(f.scratch ? std::string_view(scratch_).substr(f.begin, f.size)
                                  : text_.substr(f.begin, f.size));
  }
  return true;
}

void append_csv_field(std::string& out, std::string_view field, char delimiter) {
  bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ');
  for (char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields, char delimiter) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    append_csv_field(out, fields[i], delimiter);
  }
  out += "\r\n";
}

}  // namespace cairn::io
