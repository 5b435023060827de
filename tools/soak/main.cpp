// `soak`: issue 18's soak (docs/performance.md, "Soak"). In one process, against the project's
// mock LLM server (which it starts), it runs rounds of N function calls through the runtime's
// public API (call_function, stream_function, submit_function), streaming and not, through
// fallbacks, retries and a round-robin, with caller deadlines and cancellations, and faults drawn
// at random (seeded; the seed is printed) from every directive the mock server has. Every call's
// outcome is computed beforehand (oracle.h) and checked, value included; every call must end by
// its deadline + --late-ms. After each round it reads its open file descriptors, threads, resident
// memory and heap in use; the first round is the baseline.
//
//   soak [--rounds 10] [--calls 10000] [--in-flight 256] [--seed N] [--json]
//
// Exit status 0 when every call ended as it must, every directive was drawn, and nothing grew
// over the baseline (see Verdicts below); 1 otherwise; 2 for a usage or set-up error.
//
// glibc gives each thread a cache of freed blocks (tcache) that its mallinfo counts as in use, so
// with hundreds of calling threads the heap in use creeps up for many rounds as those caches fill,
// though nothing leaks (with the caches off it is flat to the KiB). So that the heap can be
// checked exactly, the soak starts itself again with GLIBC_TUNABLES=glibc.malloc.tcache_count=0
// unless --allocator-as-is is given (then heap and RSS are reported, not checked).
#include <curl/curl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include <baml/errors.h>
#include <baml/functions.h>
#include <baml/runtime.h>

#include "calls.h"
#include "launcher.h"
#include "oracle.h"
#include "process_stats.h"
#include "runner.h"
#include "tally.h"

#if defined(__SANITIZE_ADDRESS__)
#define SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_ASAN 1
#endif
#endif

namespace {

using namespace soak;

constexpr const char* kTcacheOff = "glibc.malloc.tcache_count=0";

struct Options {
  int rounds = 10;
  int calls = 10'000;
  int in_flight = 256;
  std::optional<std::uint64_t> seed;
  bool json = false;
  Slack slack;
  double late_ms = 250;
  double max_call_ms = 8000;
  long heap_tolerance_kib = 1024;
  double rss_tolerance_mib = 24;
  bool allocator_as_is = false;
  int show_problems = 20;
  std::string ir;
  std::string mock_server;
};

struct RoundRecord {
  int round = 0;
  long calls = 0;
  long wrong = 0;
  double seconds = 0;
  double settle_ms = 0;
  ProcessStats stats;
  long server_open = -1;  // the server's open connections, less the one asking
  long in_progress = -1;  // responses the server is still sending (see responses_in_progress)
  double load = 0;
};

// Requests the server has read whose response is neither complete, nor ended by the client
// closing its connection, nor a reset: a response still being sent. After a round every call has
// ended, so a response still in progress is a connection the runtime forgot to close.
long responses_in_progress(const nlohmann::json& c) {
  return c.value("requests", 0L) - c.value("completions", 0L) - c.value("client_disconnects", 0L) -
         c.value("resets", 0L);
}

// What an interrupted soak (SIGINT, SIGTERM) cleans up before it exits, with async-signal-safe
// calls only: the mock server, then the answer files and their directory.
struct Interrupted {
  static constexpr int kMaxPaths = 16;
  char paths[kMaxPaths][256] = {};  // files first, the directory last
  int count = 0;
  volatile pid_t mock = -1;
} g_interrupted;

extern "C" void on_interrupt(int signal_number) {
  if (g_interrupted.mock > 0) kill(g_interrupted.mock, SIGTERM);
  for (int i = 0; i < g_interrupted.count; ++i) {
    if (unlink(g_interrupted.paths[i]) != 0) rmdir(g_interrupted.paths[i]);
  }
  _exit(128 + signal_number);
}

void clean_up_on_interrupt(const std::string& dir, const std::vector<AnswerFile>& files, pid_t mock) {
  auto add = [](const std::string& path) {
    if (g_interrupted.count < Interrupted::kMaxPaths && path.size() < sizeof g_interrupted.paths[0]) {
      std::snprintf(g_interrupted.paths[g_interrupted.count++], sizeof g_interrupted.paths[0], "%s", path.c_str());
    }
  };
  for (const AnswerFile& file : files) add(dir + "/" + file.name);
  add(dir);
  g_interrupted.mock = mock;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

double load_average() {
  double load = -1;
  if (std::ifstream in("/proc/loadavg"); in) in >> load;
  return load;
}

std::string signed_count(long v) {
  return (v > 0 ? "+" : "") + std::to_string(v);
}
std::string signed_mib(long kib) {
  return (kib >= 0 ? "+" : "") + fixed(static_cast<double>(kib) / 1024.0, 1);
}

[[maybe_unused]] bool tcache_off() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::string_view(tunables).find(kTcacheOff) != std::string_view::npos;
}

// Reads the process's figures once they have settled: two readings 100 ms apart with the same fds
// and threads (an ended transfer's connection is closed a moment after its call is reported),
// and, given a baseline, until they are back to it or `patience` has passed.
ProcessStats settled_stats(const std::optional<ProcessStats>& baseline, double& waited_ms,
                           std::chrono::milliseconds patience = std::chrono::seconds(3)) {
  const auto start = Clock::now();
  ProcessStats last = process_stats();
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ProcessStats now = process_stats();
    const bool steady = now.fds == last.fds && now.threads == last.threads;
    const bool back = !baseline || (now.fds <= baseline->fds && now.threads <= baseline->threads);
    last = now;
    if ((steady && back) || Clock::now() - start > patience) break;
  }
  waited_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return last;
}

// ---- Verdicts ----

struct Growth {
  long threads = 0, other_fds = 0, stray_sockets = 0, kept_alive = 0, heap_kib = 0, rss_kib = 0;
  long in_progress = 0;  // the most responses still in progress at the server after a round
  long stacks_kib = 0;   // of rss_kib's growth, in threads' stacks (in the round where RSS grew most)
};

nlohmann::json to_json(const Growth& g) {
  return {{"threads", g.threads},
          {"other_fds", g.other_fds},
          {"stray_sockets", g.stray_sockets},
          {"kept_alive", g.kept_alive},
          {"heap_kib", g.heap_kib},
          {"rss_kib", g.rss_kib},
          {"stacks_kib", g.stacks_kib},
          {"server_responses_in_progress", g.in_progress}};
}

// Sockets that are not a live connection at the server (libcurl's wake-up pair, and anything
// left half-closed or connecting): their number must stay the baseline's.
long stray_sockets(const RoundRecord& r) {
  return r.server_open < 0 ? r.stats.sockets : r.stats.sockets - r.server_open;
}

Growth growth_over(const std::vector<RoundRecord>& records) {
  Growth g;
  const RoundRecord& base = records.front();
  for (const RoundRecord& r : records) {
    g.threads = std::max(g.threads, r.stats.threads - base.stats.threads);
    g.other_fds = std::max(g.other_fds, r.stats.other_fds - base.stats.other_fds);
    g.stray_sockets = std::max(g.stray_sockets, stray_sockets(r) - stray_sockets(base));
    g.kept_alive = std::max(g.kept_alive, r.server_open - base.server_open);
    g.in_progress = std::max(g.in_progress, r.in_progress < 0 ? 1'000'000L : r.in_progress);
    g.heap_kib = std::max(g.heap_kib, r.stats.heap_kib - base.stats.heap_kib);
    if (r.stats.rss_kib - base.stats.rss_kib > g.rss_kib) {
      g.rss_kib = r.stats.rss_kib - base.stats.rss_kib;
      g.stacks_kib = r.stats.stacks_rss_kib - base.stats.stacks_rss_kib;
    }
  }
  return g;
}

int run(const Options& opt) {
  const std::uint64_t seed = opt.seed ? *opt.seed : std::random_device{}();
  const long fd_limit = static_cast<long>(baml::raise_open_file_limit());
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::signal(SIGPIPE, SIG_IGN);
#ifdef SOAK_ASAN
  const bool check_memory = false;  // ASan's allocator: quarantine and shadow memory grow by design
  const std::string allocator = "ASan's (heap and RSS not checked)";
#else
  const bool check_memory = tcache_off();
  const std::string allocator = check_memory
                                    ? std::string("glibc, per-thread caches off (GLIBC_TUNABLES=") + kTcacheOff + ")"
                                    : "glibc as configured (heap and RSS not checked)";
#endif

  // The answer files of reply_file=, in a directory of our own that the mock reads them from.
  char dir_template[] = "/tmp/bamlc-soak-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) throw std::runtime_error("cannot make a temporary directory");
  struct RemoveDir {
    std::string path;
    ~RemoveDir() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } answers_dir{dir_template};
  std::vector<AnswerFile> files = write_answer_files(answers_dir.path);

  mock_llm::MockServerProcess mock({.binary = opt.mock_server, .answers_dir = answers_dir.path});
  clean_up_on_interrupt(answers_dir.path, files, mock.pid());
  const baml::Program program = baml::Program::from_ir_text(read_file(opt.ir));
  const std::map<std::string, std::string> env = {{"SOAK_OPENAI_URL", mock.openai_base_url()},
                                                  {"SOAK_ANTHROPIC_URL", mock.anthropic_base_url()},
                                                  {"SOAK_GOOGLE_URL", mock.google_base_url()},
                                                  {"SOAK_HANG_URL", mock.hang_base_url()}};
  baml::RuntimeOptions runtime_options;
  runtime_options.env = [env](const std::string& name) -> std::optional<std::string> {
    const auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };

  DrawSettings draw_settings;
  draw_settings.ir = &program.clients();
  draw_settings.slack = opt.slack;
  draw_settings.max_call_ms = opt.max_call_ms;
  CallDrawer drawer(draw_settings, files);
  const RoundSettings round_settings{opt.late_ms};

  if (!opt.json) {
    std::cout << "soak: seed " << seed << ", " << opt.rounds << " rounds of " << opt.calls << " calls, "
              << opt.in_flight << " in flight; mock server pid " << mock.pid() << " on port " << mock.port()
              << "; fd limit " << fd_limit << "; allocator " << allocator << "; load average "
              << fixed(load_average(), 2) << std::endl;
  }
  const double load_before = load_average();
  // Everything that lives across rounds exists before the first reading.
  Canceller canceller;
  WorkerPool pool(opt.in_flight);
  Tally tally;
  std::vector<RoundRecord> records;
  records.reserve(static_cast<std::size_t>(opt.rounds));
  double waited = 0;
  const ProcessStats before_runtime = settled_stats(std::nullopt, waited);

  const auto soak_start = Clock::now();
  {
    baml::Runtime runtime(runtime_options);
    for (int round = 1; round <= opt.rounds; ++round) {
      std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                        static_cast<std::uint32_t>(round)};
      std::mt19937_64 rng(seq);
      std::vector<CallSpec> calls;
      calls.reserve(static_cast<std::size_t>(opt.calls));
      for (int i = 0; i < opt.calls; ++i) {
        calls.push_back(drawer.draw(rng, i, static_cast<std::int64_t>(round) * 1'000'000 + i + 1));
      }
      const auto start = Clock::now();
      std::vector<Observation> observations = run_round(runtime, program, calls, round_settings, pool, canceller);
      RoundRecord record;
      record.round = round;
      record.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      record.calls = static_cast<long>(calls.size());
      const long wrong_before = tally.wrong;
      for (std::size_t i = 0; i < calls.size(); ++i) tally.add(calls[i], observations[i], opt.show_problems);
      record.wrong = tally.wrong - wrong_before;
      calls = std::vector<CallSpec>();
      observations = std::vector<Observation>();
      const std::optional<ProcessStats> baseline =
          records.empty() ? std::nullopt : std::optional<ProcessStats>(records.front().stats);
      record.stats = settled_stats(baseline, record.settle_ms);
      try {
        // The server notices a close a moment after it happens: give it a little while.
        mock.wait_for([](const nlohmann::json& c) { return responses_in_progress(c) <= 0; }, std::chrono::seconds(3));
        const nlohmann::json counters = mock.counters();
        record.server_open = counters.value("open_connections", 0L) - 1;
        record.in_progress = responses_in_progress(counters);
      } catch (const std::exception&) {
        record.server_open = record.in_progress = -1;
      }
      record.load = load_average();
      records.push_back(record);
      if (!opt.json) {
        const ProcessStats& s = record.stats;
        const RoundRecord& b = records.front();
        std::cout << "round " << round << "/" << opt.rounds << ": " << record.calls << " calls in "
                  << fixed(record.seconds, 1) << " s (" << fixed(static_cast<double>(record.calls) / record.seconds, 0)
                  << "/s), " << record.wrong << " wrong; threads " << s.threads << " ("
                  << signed_count(s.threads - b.stats.threads) << "), fds " << s.fds << ": " << s.other_fds
                  << " not sockets (" << signed_count(s.other_fds - b.stats.other_fds) << "), " << s.sockets
                  << " sockets of which " << record.server_open << " open at the server ("
                  << signed_count(record.server_open - b.server_open) << "), " << record.in_progress
                  << " responses in progress there; heap in use " << fixed(s.heap_kib / 1024.0, 2) << " MiB ("
                  << signed_count(s.heap_kib - b.stats.heap_kib) << " KiB), RSS " << fixed(s.rss_kib / 1024.0, 1)
                  << " MiB (" << signed_mib(s.rss_kib - b.stats.rss_kib) << "; stacks "
                  << fixed(s.stacks_rss_kib / 1024.0, 1) << ", before malloc_trim "
                  << fixed(s.rss_untrimmed_kib / 1024.0, 1) << "); load " << fixed(record.load, 2) << std::endl;
      }
    }
  }
  const double soak_seconds = std::chrono::duration<double>(Clock::now() - soak_start).count();
  // Everything the runtime opened must be closed, and what it allocated freed, once it is gone.
  const ProcessStats after_runtime = settled_stats(before_runtime, waited);

  // ---- Verdicts ----
  std::vector<std::string> failures;
  if (tally.wrong > 0) failures.push_back(std::to_string(tally.wrong) + " calls did not end as they must");
  const Growth g = growth_over(records);
  if (g.threads > 0) failures.push_back("threads grew by " + std::to_string(g.threads) + " over the baseline");
  if (g.other_fds > 0) failures.push_back("file descriptors other than sockets grew by " + std::to_string(g.other_fds));
  if (g.stray_sockets > 0) {
    failures.push_back("sockets that are not a live connection at the server grew by " +
                       std::to_string(g.stray_sockets));
  }
  if (g.in_progress > 0) {
    failures.push_back("after a round, the server was still sending " + std::to_string(g.in_progress) +
                       " responses: connections the runtime did not close");
  }
  if (check_memory && g.heap_kib > opt.heap_tolerance_kib) {
    failures.push_back("heap in use grew by " + std::to_string(g.heap_kib) + " KiB over the baseline (tolerance " +
                       std::to_string(opt.heap_tolerance_kib) + " KiB)");
  }
  if (check_memory && g.rss_kib > opt.rss_tolerance_mib * 1024) {
    failures.push_back("resident memory grew by " + fixed(g.rss_kib / 1024.0, 1) +
                       " MiB over the baseline (tolerance " + fixed(opt.rss_tolerance_mib, 1) + " MiB)");
  }
  if (after_runtime.fds > before_runtime.fds || after_runtime.threads > before_runtime.threads) {
    failures.push_back("after the Runtime was destroyed: " + std::to_string(after_runtime.fds) + " fds and " +
                       std::to_string(after_runtime.threads) + " threads, against " +
                       std::to_string(before_runtime.fds) + " and " + std::to_string(before_runtime.threads) +
                       " before it was made");
  }
  if (check_memory && after_runtime.heap_kib - before_runtime.heap_kib > opt.heap_tolerance_kib) {
    failures.push_back("after the Runtime was destroyed, the heap in use is " +
                       std::to_string(after_runtime.heap_kib - before_runtime.heap_kib) +
                       " KiB more than before it was made");
  }
  std::vector<std::string> missing;
  for (const std::string& d : all_directives()) {
    if (!tally.directives.contains(d)) missing.push_back(d);
  }
  if (!missing.empty() && static_cast<long>(opt.rounds) * opt.calls >= 500) {
    std::string list;
    for (const std::string& d : missing) list += (list.empty() ? "" : ", ") + d;
    failures.push_back("directives never drawn: " + list);
  }

  if (opt.json) {
    nlohmann::json rounds = nlohmann::json::array();
    for (const RoundRecord& r : records) {
      rounds.push_back({{"round", r.round},
                        {"calls", r.calls},
                        {"wrong", r.wrong},
                        {"seconds", r.seconds},
                        {"settle_ms", r.settle_ms},
                        {"process", to_json(r.stats)},
                        {"server_open_connections", r.server_open},
                        {"server_responses_in_progress", r.in_progress},
                        {"load_average", r.load}});
    }
    nlohmann::json doc = tally.to_json();
    doc.update({{"seed", seed},
                {"rounds", opt.rounds},
                {"calls_per_round", opt.calls},
                {"in_flight", opt.in_flight},
                {"slack_ms", {{"server", opt.slack.server}, {"limit", opt.slack.limit}, {"apart", opt.slack.apart}}},
                {"late_ms", opt.late_ms},
                {"allocator", allocator},
                {"seconds", soak_seconds},
                {"load_average", {{"before", load_before}, {"after", load_average()}}},
                {"per_round", rounds},
                {"before_runtime", to_json(before_runtime)},
                {"after_runtime", to_json(after_runtime)},
                {"growth", to_json(g)},
                {"memory_checked", check_memory},
                {"draws",
                 {{"drawn", drawer.stats().drawn},
                  {"redrawn", drawer.stats().redrawn},
                  {"reasons", drawer.stats().redraw_reasons}}},
                {"failures", failures},
                {"ok", failures.empty()}});
    std::cout << doc.dump(2) << std::endl;
    return failures.empty() ? 0 : 1;
  }

  auto counts = [](const std::map<std::string, long>& m, const std::map<std::string, long>* wrong = nullptr) {
    std::string out;
    for (const auto& [name, n] : m) {
      out += " " + name + " " + std::to_string(n);
      if (wrong != nullptr && wrong->contains(name)) out += " (" + std::to_string(wrong->at(name)) + " wrong)";
      out += ";";
    }
    return out;
  };
  std::cout << "\n"
            << records.size() * static_cast<std::size_t>(opt.calls) << " calls in " << fixed(soak_seconds, 1)
            << " s (seed " << seed << "), " << tally.wrong << " wrong\n"
            << "outcomes:" << counts(tally.outcomes) << "\nfaults:" << counts(tally.faults, &tally.faults_wrong)
            << "\nanswers:" << counts(tally.answers) << "\nmodes:" << counts(tally.modes)
            << "\nclients:" << counts(tally.clients) << "\ndirectives drawn:";
  for (const std::string& d : all_directives()) {
    std::cout << ' ' << d << ' ' << (tally.directives.contains(d) ? tally.directives.at(d) : 0) << ';';
  }
  std::cout << "\nlateness of calls a limit, budget or deadline ends (end − nominal end): "
            << summary_text(tally.limit_lateness)
            << "\nlateness of the caller's deadline: " << summary_text(tally.deadline_lateness)
            << "\nlateness of cancellations: " << summary_text(tally.cancel_lateness)
            << "\nlateness as TimeoutErrors report it (elapsed − limit): " << summary_text(tally.reported_lateness)
            << "\ncalls the server's timing ends (end − nominal end): " << summary_text(tally.server_timed)
            << "\nend − deadline, every call (must stay ≤ " << fixed(opt.late_ms, 0)
            << " ms): " << summary_text(tally.end_minus_deadline) << "\n";
  std::cout << "growth over round 1, most of any round: threads " << signed_count(g.threads)
            << ", fds other than sockets " << signed_count(g.other_fds) << ", stray sockets "
            << signed_count(g.stray_sockets) << ", idle kept-alive connections " << signed_count(g.kept_alive)
            << " (not a leak: libcurl's cache)"
            << "; responses in progress at the server after a round, most " << g.in_progress << "; heap in use "
            << signed_count(g.heap_kib) << " KiB, RSS " << signed_mib(g.rss_kib) << " MiB (of which threads' stacks "
            << signed_mib(g.stacks_kib) << " MiB)" << (check_memory ? "" : " (memory not checked)") << "\n";
  std::cout << "before the Runtime: " << before_runtime.fds << " fds, " << before_runtime.threads << " threads, heap "
            << fixed(before_runtime.heap_kib / 1024.0, 2) << " MiB; after it was destroyed: " << after_runtime.fds
            << " fds, " << after_runtime.threads << " threads, heap " << fixed(after_runtime.heap_kib / 1024.0, 2)
            << " MiB\n";
  std::cout << "draws: " << drawer.stats().drawn << ", of which " << drawer.stats().redrawn
            << " drawn again (outcome not certain, or too long)\n";
  for (const auto& [late, text] : tally.latest) std::cout << "latest: " << text << "\n";
  for (const std::string& p : tally.problems) std::cout << "WRONG: " << p << "\n";
  for (const std::string& f : failures) std::cout << "FAIL: " << f << "\n";
  std::cout << (failures.empty() ? "soak: OK" : "soak: FAILED") << std::endl;
  return failures.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
#ifdef SOAK_IR_PATH
  opt.ir = SOAK_IR_PATH;
#endif
  opt.mock_server = mock_llm::MockServerProcess::default_binary();
  CLI::App app{
      "Soak of the bamlc runtime: rounds of function calls under random faults (docs/performance.md, \"Soak\")",
      "soak"};
  app.add_option("--rounds", opt.rounds, "Rounds; the first sets the baseline")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--calls", opt.calls, "Calls per round")->check(CLI::Range(1, 999'999))->capture_default_str();
  app.add_option("--in-flight", opt.in_flight, "Calls in flight (one thread each)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  std::uint64_t seed = 0;
  CLI::Option* seed_option = app.add_option("--seed", seed, "Seed of the draws (default: random; printed either way)");
  app.add_flag("--json", opt.json, "Print one JSON document instead of text");
  app.add_option("--late-ms", opt.late_ms, "A call must end by its deadline + this")->capture_default_str();
  app.add_option("--server-slack-ms", opt.slack.server,
                 "How late the mock server's events may come (calls whose outcome that could change are drawn again)")
      ->capture_default_str();
  app.add_option("--limit-slack-ms", opt.slack.limit, "How late a limit, a wait or a cancellation may fire")
      ->capture_default_str();
  app.add_option("--apart-ms", opt.slack.apart, "Room between two instants whose order decides an outcome")
      ->capture_default_str();
  app.add_option("--max-call-ms", opt.max_call_ms, "Draw again a call expected to take longer")->capture_default_str();
  app.add_option("--heap-tolerance-kib", opt.heap_tolerance_kib, "Growth of the heap in use allowed over the baseline")
      ->capture_default_str();
  app.add_option("--rss-tolerance-mib", opt.rss_tolerance_mib, "Growth of resident memory allowed over the baseline")
      ->capture_default_str();
  app.add_flag("--allocator-as-is", opt.allocator_as_is,
               "Keep glibc's per-thread caches (heap and RSS then reported, not checked)");
  app.add_option("--show-problems", opt.show_problems, "Wrong calls printed in full")->capture_default_str();
  app.add_option("--ir", opt.ir, "The IR of tools/soak/baml_src")->capture_default_str();
  app.add_option("--mock-server", opt.mock_server, "The mock_llm_server binary")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (seed_option->count() > 0) opt.seed = seed;

#ifndef SOAK_ASAN
  if (!opt.allocator_as_is && !tcache_off() && std::getenv("SOAK_RESTARTED") == nullptr) {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    const std::string value =
        tunables != nullptr && *tunables != '\0' ? std::string(tunables) + ":" + kTcacheOff : kTcacheOff;
    setenv("GLIBC_TUNABLES", value.c_str(), 1);
    setenv("SOAK_RESTARTED", "1", 1);
    execv("/proc/self/exe", argv);
    std::cerr << "soak: could not start again with " << kTcacheOff << "; heap and RSS will not be checked" << std::endl;
  }
#endif
  try {
    return run(opt);
  } catch (const std::exception& e) {
    std::cerr << "soak: " << e.what() << std::endl;
    return 2;
  }
}
