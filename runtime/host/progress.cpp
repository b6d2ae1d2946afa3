#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace qrt {
namespace host {

Progress::Progress(bool enabled) : enabled_(enabled) {}
Progress::Progress() : Progress(isatty(STDERR_FILENO) != 0) {}
Progress::~Progress() { finish(); }

std::string Progress::line(const std::string& stage, uint64_t done, uint64_t total, double seconds,
                           int width) {
  const double fraction = total == 0 ? 1.0 : static_cast<double>(done > total ? total : done) /
                                                 static_cast<double>(total);
  const int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(width - filled), '.');
  char tail[96];
  if (done == 0 || !(seconds > 0)) {
    std::snprintf(tail, sizeof tail, "  %llu/%llu  ETA --:--", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total));
  } else {
    const double rate = static_cast<double>(done) / seconds;
    const double rest = done >= total ? 0.0 : static_cast<double>(total - done) / rate;
    const long long eta = static_cast<long long>(rest + 0.5);
    std::snprintf(tail, sizeof tail, "  %llu/%llu  %.1f/s  ETA %lld:%02lld",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                  rate, eta / 60, eta % 60);
  }
  return "  " + stage + " [" + bar + "]" + tail;
}

void Progress::update(const char* stage, uint64_t done, uint64_t total) {
  if (!enabled_) return;
  if (done >= total) {  // complete: the bar makes way for what the command prints next
    finish();
    stage_.clear();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (stage_ != stage) {
    stage_ = stage;
    start_ = now;
  } else if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) {
    return;  // at most ten redraws a second
  }
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\033[K%s", line(stage_, done, total, seconds).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

ProgressFn Progress::callback() {
  return [this](const char* stage, uint64_t done, uint64_t total) { update(stage, done, total); };
}

}  // namespace host
}  // namespace qrt
