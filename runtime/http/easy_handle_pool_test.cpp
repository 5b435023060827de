// The easy-handle pool on its own: a handle comes back pointing at nothing of the attempt that
// used it (CURLOPT_PRIVATE is the one such option libcurl reads back); the pool keeps up to
// kMaxIdle handles for reuse. That the next attempt's options replace every other one is shown end
// to end ("an easy handle used again carries nothing of its previous attempt").
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "http/easy_handle_pool.h"

namespace baml {
namespace {

TEST_CASE("a released easy handle comes back pointing at nothing of its previous attempt") {
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
  CHECK(data == nullptr);  // but cleared
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
