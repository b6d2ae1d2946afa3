// SVG scatter plots for `qrt report`: accuracy against a cost (latency or size), frontier points
// filled and joined by a staircase (the best accuracy reachable at each cost), dominated points
// hollow and labelled with the point that dominates them. Plain SVG 1.1, no scripts or fonts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "report_merge.h"

namespace qrt {
namespace host {
namespace accept {
namespace {

constexpr double kWidth = 820, kHeight = 540;
constexpr double kLeft = 90, kRight = kWidth - 40, kTop = 80, kBottom = kHeight - 70;

std::string xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `count` intervals.
double nice_step(double range, int count) {
  if (!(range > 0)) return 1.0;
  const double raw = range / count;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / p;
  return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

struct Axis {
  double lo, hi, step;
  double map(double v, double from, double to) const {
    return from + (v - lo) / (hi - lo) * (to - from);
  }
};

Axis make_axis(double lo, double hi, int count) {
  if (!(hi > lo)) {
    const double pad = lo != 0 ? std::fabs(lo) * 0.1 : 1.0;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step(hi - lo, count);
  return Axis{std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

// Ticks from lo to hi inclusive, at most 64 (a degenerate axis gets one).
int tick_count(const Axis& a) {
  const double n = std::floor((a.hi - a.lo) / a.step + 0.5) + 1;
  if (!(n >= 1)) return 1;
  return n > 64 ? 64 : static_cast<int>(n);
}

// 1500000 -> "1.5M", 98496 -> "98.5k".
std::string short_number(double v) {
  char buf[32];
  const double a = std::fabs(v);
  if (a >= 1e9) std::snprintf(buf, sizeof buf, "%gG", v / 1e9);
  else if (a >= 1e6) std::snprintf(buf, sizeof buf, "%gM", v / 1e6);
  else if (a >= 1e3) std::snprintf(buf, sizeof buf, "%gk", v / 1e3);
  else std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string y_tick(double v, double step, bool percent) {
  char buf[32];
  if (percent) {
    const int decimals = step * 100 >= 1 ? 0 : step * 100 >= 0.1 ? 1 : 2;
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, v * 100);
  } else {
    const int decimals = step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  }
  return buf;
}

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

}  // namespace

std::string render_scatter_svg(const ScatterPlot& p) {
  std::vector<size_t> idx;  // plottable points
  double xmax = 0, ymin = 1e300, ymax = -1e300;
  bool unit_interval = true;
  for (size_t i = 0; i < p.x.size(); ++i) {
    if (!std::isfinite(p.x[i]) || !std::isfinite(p.y[i])) continue;
    idx.push_back(i);
    xmax = std::max(xmax, p.x[i]);
    ymin = std::min(ymin, p.y[i]);
    ymax = std::max(ymax, p.y[i]);
    unit_interval = unit_interval && p.y[i] >= 0 && p.y[i] <= 1;
  }
  if (idx.empty()) {
    ymin = 0;
    ymax = 1;
    xmax = 1;
  }
  // Costs start at zero (an honest scale for "how much cheaper"); accuracy is zoomed to the
  // points with a margin, since the differences that matter are a few points.
  const Axis xa = make_axis(0.0, xmax * 1.12, 6);
  const double pad = std::max(0.01, (ymax - ymin) * 0.15);
  double ylo = ymin - pad, yhi = ymax + pad;
  if (unit_interval) {
    ylo = std::max(0.0, ylo);
    yhi = std::min(1.0, yhi);
  }
  const Axis ya = make_axis(ylo, yhi, 6);
  auto X = [&](double v) { return xa.map(v, kLeft, kRight); };
  auto Y = [&](double v) { return ya.map(v, kBottom, kTop); };

  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) + "\" height=\"" +
       num(kHeight) + "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
       "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"" + num(kWidth / 2) + "\" y=\"30\" font-size=\"19\" font-weight=\"bold\" "
       "text-anchor=\"middle\">" + xml(p.title) + "</text>\n";
  s += "<text x=\"" + num(kWidth / 2) + "\" y=\"52\" font-size=\"12\" fill=\"#555\" "
       "text-anchor=\"middle\">" + xml(p.subtitle) + "</text>\n";
  // Grid, ticks, axes.
  s += "<g font-size=\"11\" fill=\"#333\">\n";
  // Ticks by index, never v += step: where the step is below the spacing of doubles at v, an
  // accumulating loop would never end. At most kMaxTicks per axis.
  for (int i = 0, n = tick_count(xa); i < n; ++i) {
    const double v = xa.lo + i * xa.step;
    s += "<line x1=\"" + num(X(v)) + "\" y1=\"" + num(kTop) + "\" x2=\"" + num(X(v)) + "\" y2=\"" +
         num(kBottom) + "\" stroke=\"#e6e6e6\"/>\n";
    s += "<text x=\"" + num(X(v)) + "\" y=\"" + num(kBottom + 18) + "\" text-anchor=\"middle\">" +
         short_number(v) + "</text>\n";
  }
  for (int i = 0, n = tick_count(ya); i < n; ++i) {
    const double v = ya.lo + i * ya.step;
    s += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(Y(v)) + "\" x2=\"" + num(kRight) +
         "\" y2=\"" + num(Y(v)) + "\" stroke=\"#e6e6e6\"/>\n";
    s += "<text x=\"" + num(kLeft - 8) + "\" y=\"" + num(Y(v) + 4) + "\" text-anchor=\"end\">" +
         y_tick(v, ya.step, p.y_percent) + "</text>\n";
  }
  s += "</g>\n";
  s += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kRight - kLeft) +
       "\" height=\"" + num(kBottom - kTop) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  s += "<text x=\"" + num((kLeft + kRight) / 2) + "\" y=\"" + num(kHeight - 22) +
       "\" font-size=\"13\" text-anchor=\"middle\">" + xml(p.x_label) + "</text>\n";
  s += "<text transform=\"translate(24 " + num((kTop + kBottom) / 2) +
       ") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">" + xml(p.y_label) + "</text>\n";

  // The frontier as a staircase: from each frontier point right to the next one's cost, then up
  // to its accuracy; after the last, right to the edge (nothing beats it at any higher cost).
  std::vector<size_t> front;
  for (size_t i : idx) {
    if (i < p.pareto.on_frontier.size() && p.pareto.on_frontier[i]) front.push_back(i);
  }
  std::sort(front.begin(), front.end(), [&](size_t a, size_t b) { return p.x[a] < p.x[b]; });
  if (!front.empty()) {
    std::string d = "M" + num(X(p.x[front[0]])) + " " + num(Y(p.y[front[0]]));
    for (size_t k = 1; k < front.size(); ++k) {
      d += " H" + num(X(p.x[front[k]])) + " V" + num(Y(p.y[front[k]]));
    }
    d += " H" + num(kRight);
    s += "<path d=\"" + d + "\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" "
         "stroke-dasharray=\"6 4\"/>\n";
  }

  // Points and labels. Labels try a few positions to avoid overlapping earlier ones.
  std::vector<Box> used;
  std::vector<size_t> order = idx;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p.y[a] > p.y[b]; });
  for (size_t i : order) {
    const double cx = X(p.x[i]), cy = Y(p.y[i]);
    const bool on_front = i < p.pareto.on_frontier.size() && p.pareto.on_frontier[i];
    const bool base = i < p.baseline.size() && p.baseline[i];
    const std::string color = base ? "#e8710a" : "#1f77b4";
    const std::string fill = on_front ? color : "white";
    const std::string stroke = on_front ? color : "#777";
    if (base) {
      s += "<path d=\"M" + num(cx) + " " + num(cy - 8) + " L" + num(cx + 8) + " " + num(cy) +
           " L" + num(cx) + " " + num(cy + 8) + " L" + num(cx - 8) + " " + num(cy) +
           " Z\" fill=\"" + fill + "\" stroke=\"" + (on_front ? color : "#e8710a") +
           "\" stroke-width=\"2\"/>\n";
    } else {
      s += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"6\" fill=\"" + fill +
           "\" stroke=\"" + stroke + "\" stroke-width=\"2\"/>\n";
    }
    std::string label = p.names[i];
    const int by = i < p.pareto.dominated_by.size() ? p.pareto.dominated_by[i] : -1;
    if (by >= 0) label += " (dominated by " + p.names[static_cast<size_t>(by)] + ")";
    const double w = 6.6 * static_cast<double>(label.size());
    const bool left = cx + 12 + w > kRight;
    const double tx = left ? cx - 12 : cx + 12;
    const double offsets[] = {-9, 17, -23, 31, -37, 45};
    double ty = cy - 9;
    for (double off : offsets) {
      ty = cy + off;
      const Box b{left ? tx - w : tx, ty - 12, left ? tx : tx + w, ty + 3};
      bool clash = false;
      for (const Box& u : used) clash = clash || b.overlaps(u);
      if (!clash) break;
    }
    used.push_back(Box{left ? tx - w : tx, ty - 12, left ? tx : tx + w, ty + 3});
    s += "<text x=\"" + num(tx) + "\" y=\"" + num(ty) + "\" font-size=\"12\" fill=\"" +
         (on_front ? "#111" : "#666") + "\"" + (left ? " text-anchor=\"end\"" : "") + ">" +
         xml(label) + "</text>\n";
  }

  // Legend (top-left inside the plot).
  const double lx = kLeft + 14, ly = kTop + 18;
  s += "<g font-size=\"11\" fill=\"#333\">\n";
  s += "<rect x=\"" + num(lx - 8) + "\" y=\"" + num(ly - 12) + "\" width=\"178\" height=\"70\" "
       "fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n";
  s += "<circle cx=\"" + num(lx) + "\" cy=\"" + num(ly - 4) + "\" r=\"5\" fill=\"#1f77b4\"/>\n";
  s += "<text x=\"" + num(lx + 12) + "\" y=\"" + num(ly) + "\">on the Pareto frontier</text>\n";
  s += "<circle cx=\"" + num(lx) + "\" cy=\"" + num(ly + 12) + "\" r=\"5\" fill=\"white\" "
       "stroke=\"#777\" stroke-width=\"2\"/>\n";
  s += "<text x=\"" + num(lx + 12) + "\" y=\"" + num(ly + 16) + "\">dominated</text>\n";
  s += "<path d=\"M" + num(lx) + " " + num(ly + 22) + " L" + num(lx + 6) + " " + num(ly + 28) +
       " L" + num(lx) + " " + num(ly + 34) + " L" + num(lx - 6) + " " + num(ly + 28) +
       " Z\" fill=\"#e8710a\"/>\n";
  s += "<text x=\"" + num(lx + 12) + "\" y=\"" + num(ly + 32) + "\">float baseline</text>\n";
  s += "<line x1=\"" + num(lx - 6) + "\" y1=\"" + num(ly + 44) + "\" x2=\"" + num(lx + 6) +
       "\" y2=\"" + num(ly + 44) + "\" stroke=\"#1f77b4\" stroke-width=\"2\" "
       "stroke-dasharray=\"4 2\"/>\n";
  s += "<text x=\"" + num(lx + 12) + "\" y=\"" + num(ly + 48) + "\">frontier (best so far)</text>\n";
  s += "</g>\n</svg>\n";
  return s;
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
