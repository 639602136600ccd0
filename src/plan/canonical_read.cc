// Reading the canonical plan document straight into a Program. See canonical.h.
#include "plan/canonical.h"

#include "plan/canonical_reader.h"

namespace cairn::plan {

using canonical_detail::CanonicalReader;
using canonical_detail::NotCanonical;
using json = nlohmann::json;

Result<LoadedPlan> read_canonical_plan(const nlohmann::json& doc, const std::string& name,
                                       Diagnostics& diags, const CanonicalReadOptions& options) {
  LoadedPlan out;
  out.files.push_back(name);
  try {
    CanonicalReader(out.program).read(doc);
  } catch (const NotCanonical& e) {
    return make_error(e.code, fmt::format("{}: {} at {}", name, e.message, e.pointer),
                      Location{name, 0, 0, e.pointer},
                      "write the plan as `cairn export --format json` does, or read it as YAML");
  } catch (const nlohmann::json::exception& e) {
    return make_error(codes::kNotCanonical, fmt::format("{}: {}", name, e.what()),
                      Location{name, 0, 0, {}});
  }
  if (options.validate) validate(out.program, out.sources, diags);
  return out;
}

Result<LoadedPlan> read_canonical_plan_text(std::string_view text, const std::string& name,
                                            Diagnostics& diags,
                                            const CanonicalReadOptions& options) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return make_error(codes::kInvalidJson, fmt::format("{} is not valid JSON: {}", name, e.what()),
                      Location{name, 0, 0, {}});
  } catch (const nlohmann::json::exception& e) {  // e.g. a number beyond a double's range
    return make_error(codes::kInvalidJson, fmt::format("{} cannot be read: {}", name, e.what()),
                      Location{name, 0, 0, {}}, "numbers must fit a double (about 1e308)");
  }
  return read_canonical_plan(doc, name, diags, options);
}

Result<LoadedPlan> read_plan_document(const nlohmann::json& doc, const std::string& name,
                                      Diagnostics& diags, bool* canonical) {
  if (canonical) *canonical = true;
  Diagnostics fast_diags;
  auto fast = read_canonical_plan(doc, name, fast_diags);
  if (!fast && fast.error().code == codes::kNotCanonical) {
    if (canonical) *canonical = false;
    return read_plan_json(doc, name, diags);
  }
  diags.merge(fast_diags);
  return fast;
}

}  // namespace cairn::plan
