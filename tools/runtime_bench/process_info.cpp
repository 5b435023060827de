// Process and machine facts from /proc and getrusage (see process_info.h).
#include "process_info.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace runtime_bench {

double process_cpu_ms() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

long status_kib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string prefix = field + ":";
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::istringstream value(line.substr(prefix.size()));
    long kib = -1;
    value >> kib;  // "  12345 kB"
    return kib;
  }
  return -1;
}

MachineLoad machine_load() {
  MachineLoad load;
  load.cores = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  if (std::ifstream loadavg("/proc/loadavg"); loadavg) loadavg >> load.load_1m;
  // Another engineer's build competes with the engine and the mock server for the two cores;
  // the report says so rather than letting the figures silently absorb it.
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ignored)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream comm(entry.path() / "comm");
    std::string command;
    if (!std::getline(comm, command)) continue;
    if (command == "cc1plus" || command == "cc1" || command == "ld" || command == "ld.lld" || command == "lld") {
      ++load.compilers;
    }
  }
  return load;
}

nlohmann::json to_json(const MachineLoad& load) {
  return {{"load_1m", load.load_1m}, {"cores", load.cores}, {"compilers_running", load.compilers}};
}

std::string describe(const MachineLoad& load) {
  char text[128];
  std::snprintf(text, sizeof text, "%d cores, load average %.2f, %d compiler processes running", load.cores,
                load.load_1m, load.compilers);
  return text;
}

}  // namespace runtime_bench
