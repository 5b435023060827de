// What the benchmark reads about its own process and the machine: resident
// memory from /proc/self/status, and a snapshot of how busy the machine was, which every report
// carries because the figures depend on it (the machine is shared with other builds).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace runtime_bench {

// CPU time (user + system) this process, every thread of it, has used so far, in milliseconds.
double process_cpu_ms();

// A `/proc/self/status` field in KiB (e.g. "VmRSS", "VmHWM"); -1 if it cannot be read.
long status_kib(const std::string& field);

// Load average, cores, and other heavy processes (compilers, linkers) running right now.
struct MachineLoad {
  double load_1m = 0;
  int cores = 0;
  int compilers = 0;  // cc1plus, cc1, ld, lld processes of anyone
};

MachineLoad machine_load();
nlohmann::json to_json(const MachineLoad& load);
std::string describe(const MachineLoad& load);

}  // namespace runtime_bench
