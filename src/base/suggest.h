// "Did you mean" help for readers: the closest known name to a misspelt one.
#pragma once

#include <string>
#include <vector>

namespace cairn {

// The candidate closest to `word` by edit distance (case-insensitive), when it is close enough to
// be a plausible typo (distance at most a third of the length, and at most 3); else "".
std::string closest(const std::string& word, const std::vector<std::string>& candidates);
// "a, b, c".
std::string join(const std::vector<std::string>& words, const std::string& sep = ", ");

}  // namespace cairn
