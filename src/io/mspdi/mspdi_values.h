// The values MSPDI writes in text (mspdi_values.cc), for the reader. Internal to io/mspdi.
#pragma once

#include <optional>
#include <string_view>

namespace cairn::io::mspdi_values {

// An integer or a finite number, surrounding blanks allowed; nullopt when the text is not one.
std::optional<long long> to_int(std::string_view s);
std::optional<double> to_double(std::string_view s);
// "08:00:00" as minutes after midnight.
std::optional<int> time_of_day(std::string_view s);
// MS Project duration formats (DurationFormat): elapsed time (calendar, not working time), and
// percent (of the task's duration).
bool elapsed_format(long long f);
bool percent_format(long long f);

}  // namespace cairn::io::mspdi_values
