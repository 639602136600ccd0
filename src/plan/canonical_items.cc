// The items and dependencies of the canonical plan document. See canonical.h.
#include "plan/canonical_reader.h"

namespace cairn::plan::canonical_detail {

// An item's allocate: seats, each a person, a list of alternatives or {people, ...}.
void CanonicalReader::item_allocations(WorkItem& it, const json& v, const std::string& q) {
  for (size_t i = 0; i < list(v, q).size(); ++i) {
    std::string aq = fmt::format("{}/{}", q, i);
    Allocation& a = it.allocations.emplace_back();
    const json* people = &v[i];
    if (v[i].is_object()) {  // {people: ..., mandatory: true}
      people = nullptr;
      fields(v[i], aq, PlanObject::kSeat,
             [&](const std::string& f, const json& x, const std::string& r) {
               if (f == "people")
                 people = &x;
               else if (f == "shifts")
                 a.shifts = shifts(x, r);
               else
                 a.mandatory = boolean(x, r);
             });
      aq += "/people";
    }
    if (people->is_string()) {
      a.candidates.push_back(person_ref(*people, aq));
    } else {
      for (size_t j = 0; j < list(*people, aq).size(); ++j)
        a.candidates.push_back(person_ref((*people)[j], fmt::format("{}/{}", aq, j)));
    }
  }
}

void CanonicalReader::item_bookings(WorkItem& it, const json& v, const std::string& q) {
  for (size_t i = 0; i < list(v, q).size(); ++i) {
    std::string bq = fmt::format("{}/{}", q, i);
    if (!v[i].is_object()) fail(bq, "must be an object");
    Booking b;
    fields(v[i], bq, PlanObject::kBooking,
           [&](const std::string& f, const json& x, const std::string& r) {
             if (f == "person")
               b.person = person_ref(x, r);
             else if (f == "start")
               b.start = datetime(x, r);
             else if (f == "end")
               b.end = datetime(x, r);
             else
               b.counts = enumeration<BookingCounts>(x, r);
           });
    it.bookings.push_back(b);
  }
}

void CanonicalReader::item_history(WorkItem& it, const json& v, const std::string& q) {
  for (size_t i = 0; i < list(v, q).size(); ++i) {
    std::string hq = fmt::format("{}/{}", q, i);
    if (!v[i].is_object()) fail(hq, "must be an object");
    StateChange c;
    fields(v[i], hq, PlanObject::kHistoryEntry,
           [&](const std::string& f, const json& x, const std::string& r) {
             if (f == "state")
               c.state = str(x, r);
             else
               c.at = datetime(x, r);
           });
    it.history.push_back(c);
  }
}

void CanonicalReader::item_limits(WorkItem& it, const json& v, const std::string& q) {
  for (size_t i = 0; i < list(v, q).size(); ++i) {
    std::string lq = fmt::format("{}/{}", q, i);
    if (!v[i].is_object()) fail(lq, "must be an object");
    WorkLimit l;
    fields(v[i], lq, PlanObject::kLimit,
           [&](const std::string& f, const json& x, const std::string& r) {
             if (f == "per") {
               static const char* const kPer[] = {"day", "week", "month", "30-days"};
               const std::string& t = str(x, r);
               int found = -1;
               for (int j = 0; j < 4; ++j)
                 if (t == kPer[j]) found = j;
               if (found < 0) fail(r, "must be day, week, month or 30-days");
               l.per = static_cast<WorkLimit::Per>(found);
             } else if (f == "hours") {
               l.hours = num(x, r);
               if (l.hours < 0) fail(r, "must be 0 or more");
             } else if (f == "people") {
               for (size_t j = 0; j < list(x, r).size(); ++j)
                 l.people.push_back(person_ref(x[j], fmt::format("{}/{}", r, j)));
             } else if (f == "from") {
               l.from = date(x, r);
             } else {
               l.until = date(x, r);
             }
           });
    it.limits.push_back(std::move(l));
  }
}

void CanonicalReader::read_item(const json& n, const std::string& at) {
  WorkItem& it = p_.items.emplace_back();
  fields(n, at, PlanObject::kItem, [&](const std::string& k, const json& v, const std::string& q) {
    switch (k[0]) {
      case 'a':
        if (k == "alap") {
          it.alap = boolean(v, q);
        } else if (k == "assignee") {
          it.assignee = person_ref(v, q);
        } else {  // allocate
          item_allocations(it, v, q);
        }
        return;
      case 'b':
        if (k == "basis") {
          it.basis = enumeration<EstimateBasis>(v, q);
        } else if (k == "baseline_start") {
          it.baseline_start = datetime(v, q);
        } else if (k == "baseline_finish") {
          it.baseline_finish = datetime(v, q);
        } else {  // bookings
          item_bookings(it, v, q);
        }
        return;
      case 'c':
        it.created = datetime(v, q);
        return;
      case 'd':
        it.due = date(v, q);
        return;
      case 'e':
        it.estimate = three_point(v, q);
        return;
      case 'f':
        it.finish_no_later_than = datetime(v, q);
        return;
      case 'h':
        item_history(it, v, q);
        return;
      case 'k':
        if (k == "key")
          it.key = str(v, q);
        else
          it.kind = enumeration<WorkItemKind>(v, q);
        return;
      case 'l':
        if (k == "link") {
          it.link = str(v, q);
        } else if (k == "labels") {
          it.labels = strings(v, q);
        } else {  // limits
          item_limits(it, v, q);
        }
        return;
      case 'p':
        if (k == "parent")
          it.parent = item_ref(v, q);
        else if (k == "points")
          it.points = num(v, q);
        else {
          int pr = integer(v, q);
          if (pr < 1 || pr > 1000) fail(q, "priority must be 1 to 1000");
          it.priority = pr;
        }
        return;
      case 'r':
        it.remaining = num(v, q);
        return;
      case 's':
        if (k == "state")
          it.state = str(v, q);
        else if (k == "shifts")
          it.shifts = shifts(v, q);
        else
          it.start_no_earlier_than = datetime(v, q);
        return;
      case 't':
        if (k == "title")
          it.title = str(v, q);
        else
          it.team = team_ref(v, q);
        return;
    }
  });
}

void CanonicalReader::read_dependency(const json& n, const std::string& at) {
  Dependency& d = p_.dependencies.emplace_back();
  fields(n, at, PlanObject::kDependency,
         [&](const std::string& k, const json& v, const std::string& q) {
           if (k == "from")
             d.predecessor = item_ref(v, q);
           else if (k == "to")
             d.successor = item_ref(v, q);
           else if (k == "type")
             d.type = enumeration<DependencyType>(v, q);
           else if (k == "lag")
             d.lag = num(v, q);
           else if (k == "lag_unit")
             d.lag_unit = enumeration<LagUnit>(v, q);
           else if (k == "provider")
             d.provider = team_ref(v, q);
           else if (k == "consumer")
             d.consumer = team_ref(v, q);
           else if (k == "need_by")
             d.need_by = date(v, q);
           else
             d.state = enumeration<CrossTeamState>(v, q);
         });
}

}  // namespace cairn::plan::canonical_detail
