// The `cairn` command line: wires each subcommand (one file per subcommand) into one CLI11 app.
#pragma once

namespace cairn::cli {

// Parses argv, runs the chosen subcommand and returns the process exit code:
// 0 fine, 1 findings or a failed check, 2 bad usage or unusable input.
int run(int argc, char** argv);

}  // namespace cairn::cli
