// Progress of long host operations (calibration, GPTQ, perplexity, acceptance) on stderr:
//   "  calibrating [##########..........]  120/240  35.2/s  ETA 0:03"
// redrawn at most ten times a second and erased when done. Silent unless stderr is a terminal,
// so logs and pipes never fill with carriage returns.
#ifndef QRT_RUNTIME_HOST_PROGRESS_H
#define QRT_RUNTIME_HOST_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace qrt {
namespace host {

// A callback for library code that reports progress: (stage, done, total); may be empty.
using ProgressFn = std::function<void(const char* stage, uint64_t done, uint64_t total)>;

class Progress {
 public:
  // Draws only when `enabled` (by default: stderr is a terminal).
  explicit Progress(bool enabled);
  Progress();
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Reports `done` of `total` for `stage`; a new stage restarts the rate and ETA; done == total
  // erases the bar.
  void update(const char* stage, uint64_t done, uint64_t total);
  // Erases the bar (also done by the destructor).
  void finish();
  // This object as a ProgressFn (it must outlive the callback's use).
  ProgressFn callback();

  // The bar's text for `done` of `total` after `seconds`: rate = done / seconds, ETA = the rest
  // at that rate ("--:--" before anything is done). `width` bar cells.
  static std::string line(const std::string& stage, uint64_t done, uint64_t total, double seconds,
                          int width = 20);

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_PROGRESS_H
