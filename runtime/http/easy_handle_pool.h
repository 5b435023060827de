// Easy handles kept for the next attempt instead of being destroyed: `curl_easy_init` and
// `curl_easy_cleanup` cost more than all of a transfer's option setting.
//
// A released handle keeps nothing that points into the attempt that used it: the options holding
// its pointers (the callbacks' user pointers, headers, body, error buffer, CURLOPT_PRIVATE) are
// cleared at once. Its other options stay until the next attempt, which sets every option it uses
// again (so Transfer::prepare sets each option on every path), the way a curl_easy_perform loop
// reuses one handle: a full curl_easy_reset per attempt costs more than all of that option
// setting. Connections live in the multi handle's cache, not in an easy handle, so pooling changes
// nothing about connection reuse. Not thread-safe: used by the thread running the loop only.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <vector>

namespace baml {

class EasyHandlePool {
 public:
  // Enough for bursts of calls ending and starting together; beyond it released handles are freed.
  static constexpr std::size_t kMaxIdle = 32;

  EasyHandlePool() = default;
  ~EasyHandlePool();
  EasyHandlePool(const EasyHandlePool&) = delete;
  EasyHandlePool& operator=(const EasyHandlePool&) = delete;

  // A handle ready for Transfer::prepare; nullptr when libcurl cannot make one.
  CURL* acquire();
  // Takes back a handle that is in no multi handle.
  void release(CURL* easy);

 private:
  std::vector<CURL*> idle_;
};

}  // namespace baml
