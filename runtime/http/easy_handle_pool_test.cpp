// The easy-handle pool on its own: a handle comes back reset, so nothing an attempt set on it
// (CURLOPT_PRIVATE here, standing for every option) reaches the next attempt; the pool keeps at
// up to kMaxIdle handles for reuse.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "http/engine.h"

namespace baml {
namespace {

TEST_CASE("a released easy handle comes back with every option at its default") {
  EasyHandlePool pool;
  CURL* easy = pool.acquire();
  REQUIRE(easy != nullptr);
  int marker = 0;
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &marker);
  pool.release(easy);
  CURL* again = pool.acquire();
  CHECK(again == easy);  // the same handle, kept
  void* data = &marker;
  curl_easy_getinfo(again, CURLINFO_PRIVATE, &data);
  CHECK(data == nullptr);  // but reset
  pool.release(again);
}

TEST_CASE("released handles are reused, up to kMaxIdle of them") {
  EasyHandlePool pool;
  std::vector<CURL*> handles;
  for (std::size_t i = 0; i < EasyHandlePool::kMaxIdle + 5; ++i) handles.push_back(pool.acquire());
  for (CURL* easy : handles) pool.release(easy);
  std::vector<CURL*> reused;
  for (std::size_t i = 0; i < EasyHandlePool::kMaxIdle; ++i) reused.push_back(pool.acquire());
  for (CURL* easy : reused) CHECK(std::find(handles.begin(), handles.end(), easy) != handles.end());
  for (CURL* easy : reused) pool.release(easy);
}

}  // namespace
}  // namespace baml
