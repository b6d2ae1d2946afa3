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

// The plot area; below it the cost ticks, the axis title, the legend, and the list of labels that
// found no free place inside.
constexpr double kWidth = 820;
constexpr double kLeft = 90, kRight = kWidth - 40, kTop = 80, kBottom = 440;
constexpr double kListTop = kBottom + 96, kListLine = 16;

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

// A linear axis, or a logarithmic one (lo, hi and step then in log10 units).
struct Axis {
  double lo, hi, step;
  bool log = false;
  double map(double v, double from, double to) const {
    const double t = log ? std::log10(v) : v;
    return from + (t - lo) / (hi - lo) * (to - from);
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

// Whole decades around [lo, hi] (both > 0).
Axis make_log_axis(double lo, double hi) {
  return Axis{std::floor(std::log10(lo)), std::ceil(std::log10(hi)), 1.0, true};
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
  auto at = [](const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : NAN; };
  std::vector<size_t> idx;  // plottable points
  double xmin = 1e300, xmax = 0, ymin = 1e300, ymax = -1e300;
  bool unit_interval = true;
  for (size_t i = 0; i < p.x.size(); ++i) {
    if (!std::isfinite(p.x[i]) || !std::isfinite(p.y[i])) continue;
    idx.push_back(i);
    xmin = std::min(xmin, p.x[i]);
    xmax = std::max(xmax, p.x[i]);
    const bool interval = at(p.y_low, i) <= p.y[i] && p.y[i] <= at(p.y_high, i);
    for (double y : {p.y[i], at(p.y_low, i), at(p.y_high, i)}) {
      if (!std::isfinite(y) || (!interval && y != p.y[i])) continue;
      ymin = std::min(ymin, y);
      ymax = std::max(ymax, y);
    }
    unit_interval = unit_interval && p.y[i] >= 0 && p.y[i] <= 1;
  }
  if (idx.empty()) {
    ymin = 0;
    ymax = 1;
    xmin = xmax = 1;
  }
  // Costs start at zero (an honest scale for "how much cheaper") unless they span more than 10x:
  // then a log scale, or the cheap points would sit on top of each other. Accuracy is zoomed to
  // the points with a margin, since the differences that matter are a few points.
  const bool log_x = xmin > 0 && xmax > 10 * xmin;
  const Axis xa = log_x ? make_log_axis(xmin / 1.3, xmax * 1.3) : make_axis(0.0, xmax * 1.12, 6);
  const double pad = std::max(0.01, (ymax - ymin) * 0.15);
  double ylo = ymin - pad, yhi = ymax + pad;
  if (unit_interval) {
    ylo = std::max(0.0, ylo);
    yhi = std::min(1.0, yhi);
  }
  const Axis ya = make_axis(ylo, yhi, 6);
  auto X = [&](double v) { return xa.map(v, kLeft, kRight); };
  auto Y = [&](double v) { return ya.map(v, kBottom, kTop); };

  std::string g;  // the plot's elements; the document around them is sized once labels are placed
  g += "<text x=\"" + num(kWidth / 2) + "\" y=\"30\" font-size=\"19\" font-weight=\"bold\" "
       "text-anchor=\"middle\">" + xml(p.title) + "</text>\n";
  g += "<text x=\"" + num(kWidth / 2) + "\" y=\"52\" font-size=\"12\" fill=\"#555\" "
       "text-anchor=\"middle\">" + xml(p.subtitle) + "</text>\n";
  // Grid, ticks, axes. Ticks by index, never v += step: where the step is below the spacing of
  // doubles at v, an accumulating loop would never end.
  g += "<g font-size=\"11\" fill=\"#333\">\n";
  for (int i = 0, n = tick_count(xa); i < n; ++i) {
    const double t = xa.lo + i * xa.step;
    for (double m : log_x ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
      const double v = log_x ? m * std::pow(10.0, t) : t;
      if (log_x && (std::log10(v) > xa.hi + 1e-9)) continue;
      g += "<line x1=\"" + num(X(v)) + "\" y1=\"" + num(kTop) + "\" x2=\"" + num(X(v)) +
           "\" y2=\"" + num(kBottom) + "\" stroke=\"" + (m == 1 ? "#e0e0e0" : "#f0f0f0") + "\"/>\n";
      g += "<text x=\"" + num(X(v)) + "\" y=\"" + num(kBottom + 18) + "\" text-anchor=\"middle\">" +
           short_number(v) + "</text>\n";
    }
  }
  for (int i = 0, n = tick_count(ya); i < n; ++i) {
    const double v = ya.lo + i * ya.step;
    g += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(Y(v)) + "\" x2=\"" + num(kRight) +
         "\" y2=\"" + num(Y(v)) + "\" stroke=\"#e6e6e6\"/>\n";
    g += "<text x=\"" + num(kLeft - 8) + "\" y=\"" + num(Y(v) + 4) + "\" text-anchor=\"end\">" +
         y_tick(v, ya.step, p.y_percent) + "</text>\n";
  }
  g += "</g>\n";
  g += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kRight - kLeft) +
       "\" height=\"" + num(kBottom - kTop) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  g += "<text x=\"" + num((kLeft + kRight) / 2) + "\" y=\"" + num(kBottom + 42) +
       "\" font-size=\"13\" text-anchor=\"middle\">" + xml(p.x_label) +
       (log_x ? " · log scale" : "") + "</text>\n";
  g += "<text transform=\"translate(24 " + num((kTop + kBottom) / 2) +
       ") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">" + xml(p.y_label) + "</text>\n";

  // The frontier as a staircase: from each frontier point right to the next one's cost, then to
  // its value; it ends at the last frontier point (nothing is measured beyond it).
  std::vector<size_t> front;
  for (size_t i : idx) {
    if (i < p.pareto.on_frontier.size() && p.pareto.on_frontier[i]) front.push_back(i);
  }
  std::sort(front.begin(), front.end(), [&](size_t a, size_t b) { return p.x[a] < p.x[b]; });
  if (front.size() > 1) {
    std::string d = "M" + num(X(p.x[front[0]])) + " " + num(Y(p.y[front[0]]));
    for (size_t k = 1; k < front.size(); ++k) {
      d += " H" + num(X(p.x[front[k]])) + " V" + num(Y(p.y[front[k]]));
    }
    g += "<path d=\"" + d + "\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" "
         "stroke-dasharray=\"6 4\"/>\n";
  }

  // The frontier's segments, interval bars and point markers are boxes labels keep clear of.
  std::vector<Box> used;
  bool any_bar = false;
  for (size_t k = 1; k < front.size(); ++k) {
    const double x0 = X(p.x[front[k - 1]]), x1 = X(p.x[front[k]]);
    const double y0 = Y(p.y[front[k - 1]]), y1 = Y(p.y[front[k]]);
    used.push_back(Box{x0, y0 - 2, x1, y0 + 2});
    used.push_back(Box{x1 - 2, std::min(y0, y1), x1 + 2, std::max(y0, y1)});
  }
  for (size_t i : idx) {
    const double cx = X(p.x[i]), lo = at(p.y_low, i), hi = at(p.y_high, i);
    if (lo <= p.y[i] && p.y[i] <= hi && lo < hi) {  // an interval around its value, or none
      g += "<path d=\"M" + num(cx) + " " + num(Y(lo)) + " V" + num(Y(hi)) + " M" + num(cx - 4) +
           " " + num(Y(lo)) + " H" + num(cx + 4) + " M" + num(cx - 4) + " " + num(Y(hi)) + " H" +
           num(cx + 4) + "\" stroke=\"#999\" stroke-width=\"1.2\" fill=\"none\"/>\n";
      used.push_back(Box{cx - 5, Y(hi) - 1, cx + 5, Y(lo) + 1});
      any_bar = true;
    }
    used.push_back(Box{cx - 8, Y(p.y[i]) - 8, cx + 8, Y(p.y[i]) + 8});
  }
  std::vector<size_t> order = idx;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p.y[a] > p.y[b]; });
  std::vector<std::string> unplaced;
  for (size_t i : order) {
    const double cx = X(p.x[i]), cy = Y(p.y[i]);
    const bool on_front = i < p.pareto.on_frontier.size() && p.pareto.on_frontier[i];
    const bool base = i < p.baseline.size() && p.baseline[i];
    const std::string color = base ? "#e8710a" : "#1f77b4";
    const std::string fill = on_front ? color : "white";
    const std::string stroke = on_front ? color : "#777";
    if (base) {
      g += "<path d=\"M" + num(cx) + " " + num(cy - 8) + " L" + num(cx + 8) + " " + num(cy) +
           " L" + num(cx) + " " + num(cy + 8) + " L" + num(cx - 8) + " " + num(cy) +
           " Z\" fill=\"" + fill + "\" stroke=\"" + (on_front ? color : "#e8710a") +
           "\" stroke-width=\"2\"/>\n";
    } else {
      g += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"6\" fill=\"" + fill +
           "\" stroke=\"" + stroke + "\" stroke-width=\"2\"/>\n";
    }
    std::string label = p.names[i];
    const int by = i < p.pareto.dominated_by.size() ? p.pareto.dominated_by[i] : -1;
    if (by >= 0) label += " (dominated by " + p.names[static_cast<size_t>(by)] + ")";
    // A label is placed right or left of its point, at the first offset where its box stays
    // inside the plot and clear of every label and marker placed so far.
    const double w = 6.6 * static_cast<double>(label.size());
    bool placed = false;
    for (double off : {-9.0, 17.0, -23.0, 31.0, -37.0, 45.0, -51.0, 59.0}) {
      for (bool left : {cx + 12 + w > kRight, !(cx + 12 + w > kRight)}) {
        const double tx = left ? cx - 12 : cx + 12, ty = cy + off;
        const Box b{left ? tx - w : tx, ty - 12, left ? tx : tx + w, ty + 3};
        bool clash = b.x0 < kLeft + 2 || b.x1 > kRight - 2 || b.y0 < kTop + 2 || b.y1 > kBottom - 2;
        for (const Box& u : used) clash = clash || b.overlaps(u);
        if (clash) continue;
        used.push_back(b);
        g += "<text x=\"" + num(tx) + "\" y=\"" + num(ty) + "\" font-size=\"12\" fill=\"" +
             (on_front ? "#111" : "#666") + "\"" + (left ? " text-anchor=\"end\"" : "") + ">" +
             xml(label) + "</text>\n";
        placed = true;
        break;
      }
      if (placed) break;
    }
    if (!placed) {
      unplaced.push_back(label + " at " + short_number(p.x[i]) + ", " +
                         y_tick(p.y[i], ya.step / 10, p.y_percent));
    }
  }

  // Legend: one row under the axis title, outside the plot so it never covers a point.
  const double ly = kBottom + 70;
  double lx = kLeft;
  g += "<g font-size=\"11\" fill=\"#333\">\n";
  g += "<circle cx=\"" + num(lx + 5) + "\" cy=\"" + num(ly - 4) + "\" r=\"5\" fill=\"#1f77b4\"/>\n";
  g += "<text x=\"" + num(lx + 16) + "\" y=\"" + num(ly) + "\">on the Pareto frontier</text>\n";
  lx += 160;
  g += "<circle cx=\"" + num(lx + 5) + "\" cy=\"" + num(ly - 4) + "\" r=\"5\" fill=\"white\" "
       "stroke=\"#777\" stroke-width=\"2\"/>\n";
  g += "<text x=\"" + num(lx + 16) + "\" y=\"" + num(ly) + "\">dominated</text>\n";
  lx += 100;
  g += "<path d=\"M" + num(lx + 5) + " " + num(ly - 10) + " L" + num(lx + 11) + " " + num(ly - 4) +
       " L" + num(lx + 5) + " " + num(ly + 2) + " L" + num(lx - 1) + " " + num(ly - 4) +
       " Z\" fill=\"#e8710a\"/>\n";
  g += "<text x=\"" + num(lx + 16) + "\" y=\"" + num(ly) + "\">float baseline</text>\n";
  lx += 110;
  if (front.size() > 1) {
    g += "<line x1=\"" + num(lx) + "\" y1=\"" + num(ly - 4) + "\" x2=\"" + num(lx + 12) +
         "\" y2=\"" + num(ly - 4) + "\" stroke=\"#1f77b4\" stroke-width=\"2\" "
         "stroke-dasharray=\"4 2\"/>\n";
    g += "<text x=\"" + num(lx + 18) + "\" y=\"" + num(ly) + "\">frontier (best so far)</text>\n";
    lx += 150;
  }
  if (any_bar) {
    g += "<path d=\"M" + num(lx + 5) + " " + num(ly - 10) + " V" + num(ly + 2) + "\" stroke=\"#999\"/>\n";
    g += "<text x=\"" + num(lx + 14) + "\" y=\"" + num(ly) + "\">95% interval</text>\n";
  }
  for (size_t k = 0; k < unplaced.size(); ++k) {
    g += "<text x=\"" + num(kLeft) + "\" y=\"" + num(kListTop + kListLine * static_cast<double>(k)) +
         "\">not labelled in the plot (no free place): " + xml(unplaced[k]) + "</text>\n";
  }
  g += "</g>\n";
  const double height = kListTop + kListLine * static_cast<double>(unplaced.size());
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) +
                  "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(kWidth) + " " +
                  num(height) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  return s + g + "</svg>\n";
}

}  // namespace accept
}  // namespace host
}  // namespace qrt
