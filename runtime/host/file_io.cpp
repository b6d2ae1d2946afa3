#include "file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qrt {
namespace host {
namespace {

std::string reason(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + strerror(errno);
}

// Opens `path` for reading if it is a regular file; returns the descriptor (or -1 with *error)
// and its size.
int open_regular(const std::string& path, uint64_t* size, std::string* error) {
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // O_NONBLOCK: a FIFO
  if (fd < 0) {                                                          // must not block here
    *error = reason("cannot open", path);
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = reason("cannot stat", path);
    close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = path + (S_ISDIR(st.st_mode) ? " is a directory" : " is not a regular file");
    close(fd);
    return -1;
  }
  *size = static_cast<uint64_t>(st.st_size);
  return fd;
}

bool read_all(int fd, uint8_t* data, size_t size, const std::string& path, std::string* error) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = n == 0 ? path + " changed size while being read" : reason("cannot read", path);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string directory_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Writes bytes to a new temporary file beside `path`; returns its name or "" with *error.
std::string write_temporary(const std::string& path, const std::vector<uint8_t>& bytes,
                            std::string* error) {
  std::string tmp = directory_of(path) + "/.qrt-tmp-XXXXXX";
  std::vector<char> name(tmp.begin(), tmp.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) {
    *error = reason("cannot create a file in the folder of", path);
    return "";
  }
  tmp.assign(name.data());
  size_t done = 0;
  bool ok = true;
  while (ok && done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = reason("cannot write", path);
      ok = false;
    } else {
      done += static_cast<size_t>(n);
    }
  }
  // Permissions as a plain create would give them (mkstemp makes the file 0600).
  const mode_t mask = umask(0);
  umask(mask);
  if (ok && fchmod(fd, 0666 & ~mask) != 0) {
    *error = reason("cannot set the mode of", path);
    ok = false;
  }
  if (ok && fsync(fd) != 0 && errno != EINVAL) {
    *error = reason("cannot flush", path);
    ok = false;
  }
  if (close(fd) != 0 && ok) {
    *error = reason("cannot close", path);
    ok = false;
  }
  if (!ok) {
    unlink(tmp.c_str());
    return "";
  }
  return tmp;
}

}  // namespace

bool read_file_bytes(const std::string& path, std::vector<uint8_t>* out, std::string* error,
                     uint64_t max_bytes) {
  uint64_t size = 0;
  const int fd = open_regular(path, &size, error);
  if (fd < 0) return false;
  if (size > max_bytes) {
    *error = path + " is " + std::to_string(size) + " bytes, more than the " +
             std::to_string(max_bytes) + " this input may have";
    close(fd);
    return false;
  }
  out->assign(static_cast<size_t>(size), 0);
  const bool ok = read_all(fd, out->data(), out->size(), path, error);
  close(fd);
  return ok;
}

bool read_text_file(const std::string& path, std::string* out, std::string* error,
                    uint64_t max_bytes) {
  std::vector<uint8_t> bytes;
  if (!read_file_bytes(path, &bytes, error, max_bytes)) return false;
  out->assign(bytes.begin(), bytes.end());
  return true;
}

bool read_file_prefix(const std::string& path, size_t n, std::vector<uint8_t>* out,
                      std::string* error) {
  uint64_t size = 0;
  const int fd = open_regular(path, &size, error);
  if (fd < 0) return false;
  out->assign(static_cast<size_t>(size < n ? size : n), 0);
  const bool ok = read_all(fd, out->data(), out->size(), path, error);
  close(fd);
  return ok;
}

bool is_regular_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return stat(a.c_str(), &sa) == 0 && stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

void OutputFiles::add(const std::string& path, const std::vector<uint8_t>& bytes) {
  files_.push_back(Pending{path, bytes});
}

void OutputFiles::add(const std::string& path, const std::string& text) {
  files_.push_back(Pending{path, std::vector<uint8_t>(text.begin(), text.end())});
}

bool OutputFiles::commit(std::string* error) {
  std::vector<std::string> temporaries;
  bool ok = true;
  for (const Pending& f : files_) {
    struct stat st;
    if (stat(f.path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      *error = f.path + " exists and is not a regular file";
      ok = false;
      break;
    }
    const std::string tmp = write_temporary(f.path, f.bytes, error);
    if (tmp.empty()) {
      ok = false;
      break;
    }
    temporaries.push_back(tmp);
  }
  for (size_t i = 0; ok && i < temporaries.size(); ++i) {
    if (rename(temporaries[i].c_str(), files_[i].path.c_str()) != 0) {
      *error = reason("cannot rename a temporary to", files_[i].path);
      ok = false;
    } else {
      temporaries[i].clear();
    }
  }
  for (const std::string& tmp : temporaries) {
    if (!tmp.empty()) unlink(tmp.c_str());
  }
  files_.clear();
  return ok;
}

bool write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes,
                      std::string* error) {
  OutputFiles out;
  out.add(path, bytes);
  return out.commit(error);
}

}  // namespace host
}  // namespace qrt
