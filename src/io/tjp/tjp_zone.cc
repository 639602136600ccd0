#include "io/tjp/tjp_zone.h"

#include <string>

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>

namespace cairn::io::tjp {

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
};

std::optional<TimeZone> TimeZone::find(std::string_view name) {
  const auto id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  std::unique_ptr<icu::TimeZone> z(icu::TimeZone::createTimeZone(id));
  icu::UnicodeString got;
  if (!z || z->getID(got) == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID)) return std::nullopt;
  TimeZone out;
  auto impl = std::make_shared<Impl>();
  impl->zone = std::move(z);
  out.impl_ = std::move(impl);
  return out;
}

DateTime TimeZone::wall(DateTime utc) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(utc.seconds) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return utc;
  return DateTime{utc.seconds + (int64_t{raw} + dst) / 1000};
}

bool TimeZone::offset_changes(DateTime from, DateTime to) const {
  const auto* basic = dynamic_cast<const icu::BasicTimeZone*>(impl_->zone.get());
  if (!basic) return impl_->zone->useDaylightTime();
  icu::TimeZoneTransition next;
  if (!basic->getNextTransition(static_cast<UDate>(from.seconds) * 1000.0, false, next))
    return false;
  return next.getTime() < static_cast<UDate>(to.seconds) * 1000.0;
}

}  // namespace cairn::io::tjp
