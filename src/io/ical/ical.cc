#include "io/ical/ical.h"

#include <algorithm>

#include <fmt/format.h>

namespace cairn::io {
namespace {

std::string ical_date(Date d) {
  return fmt::format("{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

// Appends one content line, folded at 75 octets (never inside a UTF-8 sequence), with CRLF.
void line(std::string& out, const std::string& text) {
  size_t i = 0, width = 75;
  while (text.size() - i > width) {
    size_t cut = i + width;
    while (cut > i + 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
    out.append(text, i, cut - i);
    out += "\r\n ";
    i = cut;
    width = 74;  // the leading space counts
  }
  out.append(text, i, std::string::npos);
  out += "\r\n";
}

struct Event {
  std::string uid;
  Date start;
  Date end;  // inclusive
  std::string summary;
  std::string description;
  std::string category;
};

}  // namespace

std::string ical_escape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string write_ical(const Program& p, const ScheduleDates* dates) {
  const std::string domain = fmt::format("{}.cairn", p.key.empty() ? "program" : p.key);
  std::vector<Event> events;
  const auto milestone_leaves = p.milestone_leaf_items();
  for (size_t i = 0; i < p.milestones.size(); ++i) {
    const Milestone& m = p.milestones[i];
    std::optional<Date> planned, p85;
    if (dates) {
      for (WorkItemId w : milestone_leaves[i]) {
        auto d = dates->find(w);
        if (d == dates->end()) continue;
        planned = std::max(planned.value_or(d->second.finish), d->second.finish);
        if (d->second.p85) p85 = std::max(p85.value_or(*d->second.p85), *d->second.p85);
      }
    }
    std::string desc;
    if (planned) desc += fmt::format("Planned finish: {}.", planned->to_string());
    if (p85) desc += fmt::format("{}85% forecast: {}.", desc.empty() ? "" : " ", p85->to_string());
    if (m.deadline) {
      events.push_back({fmt::format("milestone-{}@{}", m.key, domain), *m.deadline, *m.deadline,
                        fmt::format("Milestone: {}", m.name.empty() ? m.key : m.name), desc,
                        "MILESTONE"});
    } else if (planned) {
      events.push_back({fmt::format("milestone-{}@{}", m.key, domain), *planned, *planned,
                        fmt::format("Milestone (planned): {}", m.name.empty() ? m.key : m.name),
                        desc, "MILESTONE"});
    }
  }
  for (const Sprint& s : p.sprints) {
    std::string team = s.team.valid() && s.team.index() < p.teams.size()
                           ? p.teams[s.team.index()].name
                           : std::string();
    events.push_back({fmt::format("sprint-{}@{}", s.key, domain), s.start, std::max(s.start, s.end),
                      team.empty()
                          ? fmt::format("Sprint: {}", s.name.empty() ? s.key : s.name)
                          : fmt::format("Sprint: {} ({})", s.name.empty() ? s.key : s.name, team),
                      s.goal, "SPRINT"});
  }
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    if (!it.due) continue;
    // With schedule dates, the event says when the item is planned to finish.
    std::string desc;
    if (dates)
      if (auto d = dates->find(WorkItemId{i}); d != dates->end())
        desc = fmt::format("Planned finish: {}.", d->second.finish.to_string());
    if (!it.link.empty()) desc += (desc.empty() ? "" : " ") + it.link;
    events.push_back({fmt::format("due-{}@{}", it.key, domain), *it.due, *it.due,
                      fmt::format("Due: {} {}", it.key, it.title), desc, "DEADLINE"});
  }

  const Date stamp = p.as_of.value_or(p.start);
  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//Cairn//Cairn 0.1//EN");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "X-WR-CALNAME:" + ical_escape(p.name.empty() ? p.key : p.name));
  for (const Event& e : events) {
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + ical_escape(e.uid));
    line(out, fmt::format("DTSTAMP:{}T000000Z", ical_date(stamp)));
    line(out, "DTSTART;VALUE=DATE:" + ical_date(e.start));
    line(out, "DTEND;VALUE=DATE:" + ical_date(e.end + 1));
    line(out, "SUMMARY:" + ical_escape(e.summary));
    if (!e.description.empty()) line(out, "DESCRIPTION:" + ical_escape(e.description));
    line(out, "CATEGORIES:" + e.category);
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
  }
  line(out, "END:VCALENDAR");
  return out;
}

}  // namespace cairn::io
