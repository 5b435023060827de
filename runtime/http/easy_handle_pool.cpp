// Handing out and taking back easy handles (see easy_handle_pool.h).
#include "http/easy_handle_pool.h"

namespace baml {

EasyHandlePool::~EasyHandlePool() {
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
}

CURL* EasyHandlePool::acquire() {
  if (idle_.empty()) return curl_easy_init();
  CURL* easy = idle_.back();
  idle_.pop_back();
  return easy;
}

void EasyHandlePool::release(CURL* easy) {
  if (easy == nullptr) return;
  if (idle_.size() >= kMaxIdle) {
    curl_easy_cleanup(easy);
    return;
  }
  // Nothing may point into the attempt that is ending; the other options are set again by the next.
  curl_easy_setopt(easy, CURLOPT_PRIVATE, nullptr);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, nullptr);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, nullptr);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, nullptr);
  curl_easy_setopt(easy, CURLOPT_PREREQDATA, nullptr);
  idle_.push_back(easy);
}

}  // namespace baml
