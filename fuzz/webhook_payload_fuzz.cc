// libFuzzer harness for webhook deliveries (io/issue_event.h, docs/server.md "Webhooks"): the body
// goes through the server's own JSON check (server/request_parse.h: UTF-8, depth, one object), then
// the GitHub or Jira mapping (the first byte picks which), which runs the importer on the issue.
// Any bytes must give an IssueEvent or an Error `webhook-payload` naming a JSON pointer, never a
// crash, a hang or a sanitizer report. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/issue_event.h"
#include "server/request_parse.h"

namespace {

template <typename T>
void check(const cairn::Result<T>& r) {
  if (!r && (r.error().code != "webhook-payload" || r.error().where.pointer.empty()))
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace io = cairn::io;
  if (size == 0) return 0;
  auto body = cairn::server::parse_json_object(
      std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (!body) return 0;
  const bool github = data[0] % 2 == 0;
  check(github ? io::github_project(*body) : io::jira_project(*body));
  auto ev = github ? io::github_issue_event(*body) : io::jira_issue_event(*body);
  check(ev);
  if (ev && ev->action != io::IssueAction::kIgnore &&
      !(ev->item.is_object() && ev->item.contains("key") && ev->team.contains("key")))
    __builtin_trap();
  return 0;
}
