// What the mock server remembers across connections: the counters a test reads back to prove
// what happened on the wire, the per-model-string request counts behind `fail_first`, and a log
// of recent requests. One instance per server; the server is single-threaded, so no locking.
#pragma once

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

namespace mock_llm {

struct Counters {
  std::uint64_t requests = 0;            // LLM endpoint requests fully read
  std::uint64_t completions = 0;         // LLM endpoint responses fully written (any status)
  std::uint64_t client_disconnects = 0;  // client closed while its response was in progress
  std::uint64_t open_connections = 0;    // a gauge, not zeroed by reset
  std::uint64_t resets = 0;              // connections aborted by the `reset` directive
  std::uint64_t connections = 0;         // client connections accepted
};

struct RequestRecord {
  std::string path;
  std::string model;
  bool stream = false;
  nlohmann::json headers;  // {lowercase name: value}
  std::string target;      // the request target as sent, query string included
  std::vector<std::string> prompt_tags;  // the contents of the prompt's [mock:...] tags
};

class MockState {
 public:
  Counters counters;
  // Set at start-up (--answers-dir): where relative `reply_file` paths are found; empty means
  // the working directory.
  std::string answers_dir;

  // Counts one more request under `model` and says whether it is among the first `k`.
  bool within_first(const std::string& model, std::uint64_t k);

  void record(RequestRecord record);

  // Zeroes the counters (except the open_connections gauge), the fail_first counts and the log.
  void reset();

  std::uint64_t next_id() { return ++last_id_; }

  nlohmann::ordered_json counters_json() const;
  nlohmann::ordered_json requests_json() const;

 private:
  static constexpr std::size_t kLogCapacity = 100;
  std::unordered_map<std::string, std::uint64_t> requests_per_model_;
  std::deque<RequestRecord> log_;
  std::uint64_t last_id_ = 0;
};

}  // namespace mock_llm
