// RFC 4180 CSV: a streaming reader over text in memory and a field writer.
//
// Why our own: Debian's libfccp (fast-cpp-csv-parser) rejects line breaks inside quoted fields and
// wants the column count at compile time (Jira repeats columns); libcsv (3.0.3, 2013) would add a
// C dependency with callbacks and no line numbers. This reader is ~150 lines, zero-copy for fields
// without doubled quotes, and knows the line and column of every record and field, so importers
// can name where bad input is.
//
// Accepted: a UTF-8 BOM at the start; CRLF, LF or a lone CR line ends; quoted fields with doubled
// quotes ("") and line breaks; a last record without a line end; a delimiter other than ','.
// Lines that are completely empty are skipped. Errors (code `invalid-csv`): text after a closing
// quote, a quote that is never closed (the error names the line where the field began), more than
// `max_fields` fields in a record. A quote inside an unquoted field is kept as text (Excel does).
// Thread-compatible: one reader per thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace cairn::io {

struct CsvOptions {
  char delimiter = ',';        // default ','
  size_t max_fields = 100000;  // fields per record at most; default 100,000
};

class CsvReader {
 public:
  // `name` labels locations in errors. The text must outlive the reader and the fields it gives.
  CsvReader(std::string_view text, std::string name, CsvOptions options = {});

  // Reads the next record into `fields` (views into the text, or into the reader's buffer when a
  // field had doubled quotes; valid until the next call). Returns false at the end of the text.
  Result<bool> next(std::vector<std::string_view>& fields);

  // 1-based line on which the last record began, and the line and column of its i-th field.
  int record_line() const { return record_line_; }
  Location field_location(size_t i) const;
  const std::string& name() const { return name_; }

 private:
  struct FieldPos {
    size_t begin = 0;  // in text_, or in scratch_ when `scratch`
    size_t size = 0;
    bool scratch = false;
    int line = 0;
    int column = 0;
  };
  Location at(int line, int column) const { return Location{name_, line, column, {}}; }

  std::string_view text_;
  std::string name_;
  CsvOptions options_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  int record_line_ = 0;
  std::vector<FieldPos> pos_list_;
  std::string scratch_;
};

// Appends `field` to `out`, quoted when it holds the delimiter, a quote, CR or LF, or starts or
// ends with a space.
void append_csv_field(std::string& out, std::string_view field, char delimiter = ',');
// Appends a whole record and a CRLF line end (RFC 4180).
void append_csv_record(std::string& out, const std::vector<std::string>& fields,
                       char delimiter = ',');

}  // namespace cairn::io
