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
               else if (f == "persistent")
                 a.persistent = boolean(x, r);
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

std::vector<WorkLimit> CanonicalReader::limits(const json& v, const std::string& q) {
  return bound_list<WorkLimit>(
      v, q, [&](WorkLimit& l, const std::string& f, const json& x, const std::string& r) {
        if (f == "per") {
          static const char* const kPer[] = {"day", "week", "month", "30-days"};
          const std::string& t = str(x, r);
          int found = -1;
          for (int j = 0; j < 4; ++j)
            if (t == kPer[j]) found = j;
          if (found < 0) fail(r, "must be day, week, month or 30-days");
          l.per = static_cast<WorkLimit::Per>(found);
        } else {  // hours
          l.hours = num(x, r);
          if (l.hours < 0) fail(r, "must be 0 or more");
        }
      });
}

void CanonicalReader::read_item(const json& n, const std::string& at) {
  WorkItem& it = p_.items.emplace_back();
  bound_fields(n, at, it, [&](const std::string& k, const json& v, const std::string& q) {
    if (k == "allocate") {
      item_allocations(it, v, q);
    } else if (k == "history") {
      it.history = bound_list<StateChange>(v, q);
    } else if (k == "start_no_earlier_than") {
      it.start_no_earlier_than = datetime(v, q);
    } else if (k == "limits") {
      it.limits = limits(v, q);
    } else if (k == "shifts") {
      it.shifts = shifts(v, q);
    } else if (k == "bookings") {
      it.bookings = bound_list<Booking>(
          v, q, [&](Booking& b, const std::string&, const json& x, const std::string& r) {
            b.person = person_ref(x, r);
          });
    } else {  // priority
      int pr = integer(v, q);
      if (pr < 1 || pr > 1000) fail(q, "priority must be 1 to 1000");
      it.priority = pr;
    }
  });
}

void CanonicalReader::read_dependency(const json& n, const std::string& at) {
  Dependency& d = p_.dependencies.emplace_back();
  bound_fields(n, at, d, [&](const std::string& k, const json& v, const std::string& q) {
    if (k == "from")
      d.predecessor = item_ref(v, q);
    else if (k == "to")
      d.successor = item_ref(v, q);
    else if (k == "provider")
      d.provider = id_ref(TeamId{}, v, q);
    else  // consumer
      d.consumer = id_ref(TeamId{}, v, q);
  });
}

}  // namespace cairn::plan::canonical_detail
