// What the soak measures of its own process after each round: open file descriptors (from
// /proc/self/fd, split into sockets and the rest: eventfds, epoll sets, pipes, files), threads
// (`Threads` of /proc/self/status), resident memory (`VmRSS`) and the heap in use (mallinfo2).
#pragma once

#include <nlohmann/json.hpp>

namespace soak {

struct ProcessStats {
  long fds = 0;
  long sockets = 0;
  long other_fds = 0;  // fds - sockets
  long threads = 0;
  long rss_kib = 0;
  long rss_untrimmed_kib = 0;  // VmRSS before malloc_trim (see process_stats())
  long stacks_rss_kib = 0;     // of rss_kib, in threads' stacks (anonymous mappings of the default stack size)
  long heap_kib = 0;           // bytes malloc has handed out and not had back (mallinfo2)
};

// Reads the figures. Resident memory is read twice: as it is, and after malloc_trim(0), which
// hands glibc's free pages back to the kernel (from every arena, not only the top of the heap):
// with hundreds of calling threads, glibc's per-thread arenas keep freed memory for reuse, which
// shows in VmRSS although nothing is in use. The trimmed figure is the one checked.
ProcessStats process_stats();
nlohmann::json to_json(const ProcessStats& stats);

}  // namespace soak
