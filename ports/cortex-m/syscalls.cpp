// newlib system calls on semihosting, so that printf, fopen/fread and exit in tests and benchmarks
// reach the host under QEMU: stdout/stderr go to the emulator's console, files are host files
// (tests read shared models through QRT_MODELS_DIR), exit(status) becomes QEMU's exit status.
//
// This is the test runtime, not the qrt library: the library never calls these directly except
// through write() in qrt_port_log, which a product's firmware retargets to its UART as usual.
// The small descriptor table below is the only mutable state, and it lives here for that reason.
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "semihosting.h"

namespace {



// newlib descriptor -> semihosting handle; 0, 1, 2 are the console (":tt").
constexpr int kMaxFiles = 12;

struct OpenFile {
  int handle;    // host handle, -1 when the slot is free
  long offset;   // semihosting seeks are absolute, so SEEK_CUR needs the position
};

OpenFile g_files[kMaxFiles];
bool g_console_open = false;

void open_console() {
  if (g_console_open) return;
  g_console_open = true;
  for (OpenFile& f : g_files) f = OpenFile{-1, 0};
  g_files[0].handle = qrt_cm_semihost_open(":tt", 0);  // "r": stdin
  g_files[1].handle = qrt_cm_semihost_open(":tt", 4);  // "w": stdout
  g_files[2].handle = qrt_cm_semihost_open(":tt", 8);  // "a": stderr
}

OpenFile* lookup(int fd) {
  open_console();
  if (fd < 0 || fd >= kMaxFiles || g_files[fd].handle < 0) return nullptr;
  return &g_files[fd];
}

// Semihosting SYS_OPEN takes an fopen() mode index instead of open() flags; always binary.
uint32_t fopen_mode_index(int flags) {
  const int access = flags & O_ACCMODE;
  if (flags & O_APPEND) return access == O_RDWR ? 11u : 9u;                 // "ab" / "a+b"
  if (flags & (O_CREAT | O_TRUNC)) return access == O_RDWR ? 7u : 5u;  // "wb" / "w+b"
  return access == O_RDONLY ? 1u : 3u;                                  // "rb" / "r+b"
}

long file_length(const OpenFile& f) {
  const uintptr_t block[1] = {static_cast<uintptr_t>(f.handle)};
  return static_cast<long>(static_cast<int32_t>(qrt_cm_semihost_call(QRT_SH_FLEN, block)));
}

}  // namespace

extern "C" {

int _open(const char* path, int flags, ...) {
  open_console();
  for (int fd = 3; fd < kMaxFiles; ++fd) {
    if (g_files[fd].handle >= 0) continue;
    const int handle = qrt_cm_semihost_open(path, fopen_mode_index(flags));
    if (handle < 0) {
      errno = ENOENT;
      return -1;
    }
    g_files[fd] = OpenFile{handle, 0};
    return fd;
  }
  errno = EMFILE;
  return -1;
}

int _close(int fd) {
  OpenFile* f = lookup(fd);
  if (f == nullptr) {
    errno = EBADF;
    return -1;
  }
  if (fd < 3) return 0;  // the console stays open
  const uintptr_t block[1] = {static_cast<uintptr_t>(f->handle)};
  qrt_cm_semihost_call(QRT_SH_CLOSE, block);
  f->handle = -1;
  return 0;
}

int _read(int fd, void* buf, size_t count) {
  OpenFile* f = lookup(fd);
  if (f == nullptr) {
    errno = EBADF;
    return -1;
  }
  const uintptr_t block[3] = {static_cast<uintptr_t>(f->handle), reinterpret_cast<uintptr_t>(buf),
                              count};
  // SYS_READ returns the number of bytes NOT read.
  const size_t missing = qrt_cm_semihost_call(QRT_SH_READ, block);
  const size_t got = missing <= count ? count - missing : 0;
  f->offset += static_cast<long>(got);
  return static_cast<int>(got);
}

int _write(int fd, const void* buf, size_t count) {
  OpenFile* f = lookup(fd);
  if (f == nullptr) {
    errno = EBADF;
    return -1;
  }
  const uintptr_t block[3] = {static_cast<uintptr_t>(f->handle), reinterpret_cast<uintptr_t>(buf),
                              count};
  // SYS_WRITE returns the number of bytes NOT written.
  const size_t missing = qrt_cm_semihost_call(QRT_SH_WRITE, block);
  const size_t put = missing <= count ? count - missing : 0;
  f->offset += static_cast<long>(put);
  return static_cast<int>(put);
}

off_t _lseek(int fd, off_t offset, int whence) {
  OpenFile* f = lookup(fd);
  if (f == nullptr || fd < 3) {
    errno = fd < 3 ? ESPIPE : EBADF;
    return -1;
  }
  long target = offset;
  if (whence == SEEK_CUR) target += f->offset;
  if (whence == SEEK_END) target += file_length(*f);
  if (target < 0) {
    errno = EINVAL;
    return -1;
  }
  const uintptr_t block[2] = {static_cast<uintptr_t>(f->handle), static_cast<uintptr_t>(target)};
  if (qrt_cm_semihost_call(QRT_SH_SEEK, block) != 0) {
    errno = EIO;
    return -1;
  }
  f->offset = target;
  return static_cast<off_t>(target);
}

int _fstat(int fd, struct stat* st) {
  OpenFile* f = lookup(fd);
  if (f == nullptr) {
    errno = EBADF;
    return -1;
  }
  *st = {};
  // The console is a character device, so newlib line-buffers stdout; files are regular.
  st->st_mode = fd < 3 ? S_IFCHR : S_IFREG;
  if (fd >= 3) st->st_size = static_cast<off_t>(file_length(*f));
  return 0;
}

int _isatty(int fd) { return fd >= 0 && fd < 3 ? 1 : 0; }

int _getpid(void) { return 1; }

int _kill(int pid, int sig) {
  (void)pid;
  (void)sig;
  errno = EINVAL;
  return -1;
}

int _unlink(const char* path) {
  size_t length = 0;
  while (path[length] != '\0') ++length;
  const uintptr_t block[2] = {reinterpret_cast<uintptr_t>(path), length};
  return qrt_cm_semihost_call(QRT_SH_REMOVE, block) == 0 ? 0 : -1;
}

void _exit(int status) { qrt_cm_semihost_exit(status); }

// newlib's stdio allocates its buffers with malloc; the heap lies between the end of .bss and
// __heap_end__ (linker script). The qrt library itself never allocates.
extern char __heap_start__[];
extern char __heap_end__[];
void* _sbrk(ptrdiff_t increment) {
  static char* brk = __heap_start__;
  if (increment > __heap_end__ - brk) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  char* previous = brk;
  brk += increment;
  return previous;
}

}  // extern "C"
