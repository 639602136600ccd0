#include "forecast/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

namespace cairn::forecast {
namespace {

constexpr double kZ95 = 1.6448536269514722;  // the standard normal 95th percentile

double log_beta(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

// Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes 6.4).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-15) break;
  }
  return h;
}

double pert_alpha(double s) {
  return 1 + 4 * s;
}
double pert_beta(double s) {
  return 1 + 4 * (1 - s);
}

double standard_triangular_quantile(double s, double u) {
  return u < s ? std::sqrt(u * s) : 1 - std::sqrt((1 - u) * (1 - s));
}

}  // namespace

const char* to_string(DistributionKind k) {
  switch (k) {
    case DistributionKind::kPert:
      return "pert";
    case DistributionKind::kTriangular:
      return "triangular";
    case DistributionKind::kLogNormal:
      return "lognormal";
  }
  return "pert";
}

bool parse_distribution(const std::string& text, DistributionKind& out) {
  for (auto k :
       {DistributionKind::kPert, DistributionKind::kTriangular, DistributionKind::kLogNormal}) {
    if (text == to_string(k)) {
      out = k;
      return true;
    }
  }
  if (text == "log-normal" || text == "beta" || text == "pert-beta") {
    out = text == "log-normal" ? DistributionKind::kLogNormal : DistributionKind::kPert;
    return true;
  }
  return false;
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normal_quantile(double p) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  double x;
  if (p < kLow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - kLow) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step on the exact distribution function.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

namespace {

// I_x(a, b) given lb = ln B(a, b).
double incomplete_beta_lb(double a, double b, double x, double lb) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - lb);
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

// The x with I_x(a, b) = p by safeguarded Newton steps from `x` within [lo, hi].
double inverse_incomplete_beta_from(double a, double b, double p, double x, double lo, double hi) {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const double lb = log_beta(a, b);
  for (int iter = 0; iter < 200; ++iter) {
    const double f = incomplete_beta_lb(a, b, x, lb) - p;
    if (f == 0) return x;
    if (f < 0)
      lo = x;
    else
      hi = x;
    const double dens = std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - lb);
    double next = dens > 0 ? x - f / dens : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::fabs(next - x) < 1e-15 * std::max(1.0, x) || hi - lo < 1e-15) return next;
    x = next;
  }
  return x;
}

// Shapes that differ by rounding only (e.g. (m - a) / (b - a) of scaled estimates) share a table:
// the shape parameter is rounded to 32 fractional bits.
double shape_key(double v) {
  return std::round(v * 0x1.0p32) * 0x1.0p-32;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  return incomplete_beta_lb(a, b, x, log_beta(a, b));
}

double inverse_incomplete_beta(double a, double b, double p) {
  return inverse_incomplete_beta_from(a, b, p, a / (a + b), 0, 1);
}

LogNormalParams lognormal_params(double low, double mode, double high) {
  LogNormalParams p;
  p.location = low;
  const double span = high - low;
  if (!(span > 0)) return p;
  const double m = std::clamp(mode - low, 0.05 * span, 0.95 * span);
  // mode = exp(mu - sigma^2) and exp(mu + z95 sigma) = span give sigma^2 + z95 sigma = ln(span/m).
  const double k = std::log(span / m);
  p.sigma = (-kZ95 + std::sqrt(kZ95 * kZ95 + 4 * k)) / 2;
  p.mu = std::log(m) + p.sigma * p.sigma;
  return p;
}

double ThreePointDistribution::mean() const {
  if (fixed()) return low;
  switch (kind) {
    case DistributionKind::kPert:
      return (low + 4 * mode + high) / 6;
    case DistributionKind::kTriangular:
      return (low + mode + high) / 3;
    case DistributionKind::kLogNormal: {
      auto p = lognormal_params(low, mode, high);
      return p.location + std::exp(p.mu + p.sigma * p.sigma / 2);
    }
  }
  return low;
}

double ThreePointDistribution::pdf(double x) const {
  if (fixed()) return 0;
  const double span = high - low;
  switch (kind) {
    case DistributionKind::kPert: {
      if (x <= low || x >= high) return 0;
      const double s = (mode - low) / span, y = (x - low) / span;
      const double a = pert_alpha(s), b = pert_beta(s);
      return std::exp((a - 1) * std::log(y) + (b - 1) * std::log1p(-y) - log_beta(a, b)) / span;
    }
    case DistributionKind::kTriangular:
      if (x <= low || x >= high) return 0;
      if (x < mode) return 2 * (x - low) / (span * (mode - low));
      if (x > mode) return 2 * (high - x) / (span * (high - mode));
      return 2 / span;
    case DistributionKind::kLogNormal: {
      auto p = lognormal_params(low, mode, high);
      const double y = x - p.location;
      if (y <= 0) return 0;
      const double z = (std::log(y) - p.mu) / p.sigma;
      return std::exp(-0.5 * z * z) / (y * p.sigma * std::sqrt(2 * M_PI));
    }
  }
  return 0;
}

double ThreePointDistribution::cdf(double x) const {
  if (fixed()) return x >= low ? 1 : 0;
  const double span = high - low;
  switch (kind) {
    case DistributionKind::kPert: {
      const double s = (mode - low) / span;
      return incomplete_beta(pert_alpha(s), pert_beta(s), (x - low) / span);
    }
    case DistributionKind::kTriangular:
      if (x <= low) return 0;
      if (x >= high) return 1;
      if (x <= mode) return (x - low) * (x - low) / (span * (mode - low));
      return 1 - (high - x) * (high - x) / (span * (high - mode));
    case DistributionKind::kLogNormal: {
      auto p = lognormal_params(low, mode, high);
      const double y = x - p.location;
      if (y <= 0) return 0;
      return normal_cdf((std::log(y) - p.mu) / p.sigma);
    }
  }
  return 0;
}

double ThreePointDistribution::quantile(double u) const {
  if (fixed()) return low;
  const double span = high - low;
  switch (kind) {
    case DistributionKind::kPert: {
      const double s = (mode - low) / span;
      return low + span * inverse_incomplete_beta(pert_alpha(s), pert_beta(s), u);
    }
    case DistributionKind::kTriangular:
      return low + span * standard_triangular_quantile((mode - low) / span, u);
    case DistributionKind::kLogNormal: {
      auto p = lognormal_params(low, mode, high);
      return p.location + std::exp(p.mu + p.sigma * normal_quantile(u));
    }
  }
  return low;
}

QuantileTables::QuantileTables() {
  add_table([](double) { return 0.0; }, false, 0);  // table 0: the fixed values
}

namespace {

// A table's computed values: kCells + 1 cell bounds, then 2 * (kSub + 1) outer sub-cell values.
using TableValues = std::vector<float>;

// The values of the tables of three-point shapes, shared by every QuantileTables of the process:
// a forecast builds its network several times (the why-later ablations, what-ifs, critique fixes)
// and the inverse incomplete beta of a PERT table was most of its time (issue 10 item 8). A table
// depends on its (kind, shape) only, so a cached one is the same floats. At most kMaxShared
// shapes are kept (about 4.3 KB each); beyond, tables are computed as before.
template <typename Compute>
std::shared_ptr<const TableValues> shared_values(std::tuple<int, double> key, Compute compute) {
  constexpr size_t kMaxShared = 4096;
  static std::mutex mutex;
  static std::map<std::tuple<int, double>, std::shared_ptr<const TableValues>> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto values = std::make_shared<const TableValues>(compute());
  std::lock_guard lock(mutex);
  if (cache.size() < kMaxShared) cache.emplace(key, values);
  return values;
}

}  // namespace

template <typename Q>
uint32_t QuantileTables::add_table(Q q, bool exact_tail, double sigma,
                                   std::optional<std::tuple<int, double>> shape) {
  auto compute = [&q] {
    TableValues v;
    v.reserve(kCells + 1 + 2 * (kSub + 1));
    for (int i = 0; i <= kCells; ++i)
      v.push_back(static_cast<float>(q(double(i) / kCells)));
    const double fine = 1.0 / (double(kCells) * kSub);
    for (int k = 0; k <= kSub; ++k)
      v.push_back(static_cast<float>(q(k * fine)));
    for (int k = 0; k <= kSub; ++k)
      v.push_back(static_cast<float>(q(double(kCells - 1) / kCells + k * fine)));
    return v;
  };
  std::shared_ptr<const TableValues> computed =
      shape ? shared_values(*shape, compute) : std::make_shared<const TableValues>(compute());
  const TableValues& v = *computed;
  const uint32_t id = static_cast<uint32_t>(exact_tail_.size());
  const size_t first = values_.size();
  values_.insert(values_.end(), v.begin(), v.begin() + kCells + 1);
  for (int r = 0; r < kRows; ++r)
    for (int k = 0; k < 2 * kStrata; ++k) {
      const size_t cell = first + r + (k % kStrata) * kRows;
      strata_value_.push_back(values_[cell]);
      strata_rise_.push_back(values_[cell + 1] - values_[cell]);
    }
  tails_.insert(tails_.end(), v.begin() + kCells + 1, v.end());
  exact_tail_.push_back(exact_tail ? 1 : 0);
  sigma_.push_back(sigma);
  return id;
}

float QuantileTables::tail(uint32_t table, uint32_t u) const {
  constexpr int kRest = 32 - kCellBits - kSubBits;  // bits below a sub-cell
  const bool upper = (u >> (32 - kCellBits)) != 0;
  const uint32_t within = u & ((1u << (32 - kCellBits)) - 1);
  const uint32_t sub = within >> kRest;
  if (upper && sub == kSub - 1 && exact_tail_[table]) {
    const double p = (static_cast<double>(u) + 0.5) * 0x1.0p-32;
    return static_cast<float>(std::exp(sigma_[table] * normal_quantile(p)));
  }
  const float frac = static_cast<float>(within & ((1u << kRest) - 1)) * (1.0f / (1u << kRest));
  const float* t = tails_.data() + size_t{table} * 2 * (kSub + 1) + (upper ? kSub + 1 : 0) + sub;
  return t[0] + frac * (t[1] - t[0]);
}

Sampler QuantileTables::sampler(const ThreePointDistribution& d) {
  if (d.fixed()) return Sampler::fixed(d.low);
  const double span = d.high - d.low;
  if (d.kind == DistributionKind::kLogNormal) {
    auto p = lognormal_params(d.low, d.mode, d.high);
    p.sigma = shape_key(p.sigma);
    const auto key = std::make_tuple(static_cast<int>(d.kind), p.sigma);
    auto it = index_.find(key);
    uint32_t id;
    if (it != index_.end()) {
      id = it->second;
    } else {
      const double sigma = p.sigma;
      // p = 1 is never read (the outermost upper sub-cell is exact); keep the value finite.
      id = add_table(
          [sigma](double u) {
            if (u <= 0) return 0.0;
            return std::exp(sigma * normal_quantile(std::min(u, 1 - 0x1.0p-40)));
          },
          true, sigma, key);
      index_.emplace(key, id);
    }
    return {id, static_cast<float>(p.location), static_cast<float>(std::exp(p.mu))};
  }
  const double s = shape_key(std::clamp((d.mode - d.low) / span, 0.0, 1.0));
  const auto key = std::make_tuple(static_cast<int>(d.kind), s);
  auto it = index_.find(key);
  uint32_t id;
  if (it != index_.end()) {
    id = it->second;
  } else {
    if (d.kind == DistributionKind::kPert) {
      const double a = pert_alpha(s), b = pert_beta(s);
      // Tables are filled by increasing u (then the two outer cells): each inverse starts from
      // the previous one, which bounds it from below.
      double last_u = -1, last_x = 0;
      id = add_table(
          [a, b, &last_u, &last_x](double u) {
            const double x = u > last_u && last_u >= 0
                                 ? inverse_incomplete_beta_from(a, b, u, last_x, last_x, 1)
                                 : inverse_incomplete_beta(a, b, u);
            last_u = u;
            last_x = x;
            return x;
          },
          false, 0, key);
    } else {
      id = add_table([s](double u) { return standard_triangular_quantile(s, u); }, false, 0, key);
    }
    index_.emplace(key, id);
  }
  return {id, static_cast<float>(d.low), static_cast<float>(span)};
}

Sampler QuantileTables::empirical(std::span<const double> samples, double scale) {
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  if (sorted.empty()) return Sampler::fixed(0);
  if (sorted.size() == 1 || sorted.front() == sorted.back())
    return Sampler::fixed(scale * sorted.front());
  const double n1 = static_cast<double>(sorted.size() - 1);
  auto q = [&sorted, n1](double u) {
    const double h = n1 * u;
    const size_t lo = std::min(static_cast<size_t>(h), sorted.size() - 2);
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  };
  return {add_table(q, false, 0), 0.0f, static_cast<float>(scale)};
}

}  // namespace cairn::forecast
