// Reading /proc/self (see process_stats.h).
#include "process_stats.h"

#include <dirent.h>
#include <malloc.h>
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace soak {

namespace {

long status_field(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string prefix = field + ":";
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::istringstream value(line.substr(prefix.size()));
    long n = -1;
    value >> n;
    return n;
  }
  return -1;
}

// The resident size of the mappings that are threads' stacks: anonymous, read-write, of the
// default stack size (glibc puts the guard page in a mapping of its own).
long stacks_rss_kib() {
  pthread_attr_t attr;
  std::size_t stack_size = 0;
  if (pthread_attr_init(&attr) != 0) return -1;
  pthread_attr_getstacksize(&attr, &stack_size);
  pthread_attr_destroy(&attr);
  const long stack_kib = static_cast<long>(stack_size / 1024);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  long total = 0;
  bool candidate = false;
  while (std::getline(smaps, line)) {
    const std::string first = line.substr(0, line.find(' '));
    const bool header = first.find('-') != std::string::npos && std::all_of(first.begin(), first.end(), [](char c) {
                          return c == '-' || std::isxdigit(static_cast<unsigned char>(c)) != 0;
                        });
    if (header) {
      // "start-end perms offset dev inode [name]": an anonymous mapping has inode 0 and no name.
      std::istringstream fields(line);
      std::string range, perms, offset, dev, inode, name;
      fields >> range >> perms >> offset >> dev >> inode >> name;
      candidate = perms == "rw-p" && inode == "0" && name.empty();
      continue;
    }
    if (!candidate) continue;
    long kib = 0;
    if (line.rfind("Size:", 0) == 0) {
      std::istringstream(line.substr(5)) >> kib;
      candidate = kib == stack_kib;
    } else if (line.rfind("Rss:", 0) == 0) {
      std::istringstream(line.substr(4)) >> kib;
      total += kib;
      candidate = false;
    }
  }
  return total;
}

}  // namespace

ProcessStats process_stats() {
  ProcessStats s;
  if (DIR* dir = opendir("/proc/self/fd"); dir != nullptr) {
    const int own = dirfd(dir);
    while (const dirent* entry = readdir(dir)) {
      char* end = nullptr;
      const long fd = std::strtol(entry->d_name, &end, 10);
      if (end == entry->d_name || *end != '\0' || fd == own) continue;
      ++s.fds;
      char target[PATH_MAX];
      const std::string link = "/proc/self/fd/" + std::string(entry->d_name);
      const ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
      if (n > 0 && std::string_view(target, static_cast<std::size_t>(n)).rfind("socket:", 0) == 0) ++s.sockets;
    }
    closedir(dir);
  }
  s.other_fds = s.fds - s.sockets;
  s.threads = status_field("Threads");
  s.rss_untrimmed_kib = status_field("VmRSS");
  const struct mallinfo2 info = mallinfo2();
  s.heap_kib = static_cast<long>((info.uordblks + info.hblkhd) / 1024);
  malloc_trim(0);
  s.rss_kib = status_field("VmRSS");
  s.stacks_rss_kib = stacks_rss_kib();
  return s;
}

nlohmann::json to_json(const ProcessStats& s) {
  return {{"fds", s.fds},
          {"sockets", s.sockets},
          {"other_fds", s.other_fds},
          {"threads", s.threads},
          {"rss_kib", s.rss_kib},
          {"rss_untrimmed_kib", s.rss_untrimmed_kib},
          {"heap_kib", s.heap_kib},
          {"stacks_rss_kib", s.stacks_rss_kib}};
}

}  // namespace soak
