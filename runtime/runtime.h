// The runtime's public API. A Runtime owns one HTTP engine (one event-loop thread on the libcurl
// multi interface) and calls leaf clients under their declared limits and the caller's budget:
//
//   baml::ClientIr ir = baml::read_client_ir_text(ir_json);
//   baml::Runtime runtime;
//   baml::Response r = runtime.call(*ir.find_client("Primary"), {"Fn", {{"user", "Hi"}}});
//
// Failures are typed exceptions (errors.h): a TimeoutError names the limit that fired. A Runtime
// is thread-safe; many threads may call it at once, and `submit` keeps any number of calls in
// flight on the one engine thread.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <string_view>

#include "call/call_options.h"
#include "call/cancellation.h"
#include "call/request.h"
#include "call/response.h"
#include "errors/errors.h"
#include "ir/client_ir.h"
#include "ir/client_spec.h"
#include "providers/options.h"

namespace baml {

struct RuntimeOptions {
  // Resolves {"env": NAME} option values at call time. Defaults to the process environment.
  EnvLookup env;
};

// Receives streamed text as it arrives, on the thread that called `stream`.
using DeltaCallback = std::function<void(std::string_view delta)>;

class Runtime {
 public:
  Runtime();
  explicit Runtime(RuntimeOptions options);
  // Calls still in flight end with a CancelledError.
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // One call through a leaf client, non-streaming. Blocks until the answer or an error.
  Response call(const ClientSpec& client, const Request& request, const CallOptions& options = {});

  // One streaming call; `on_delta` sees each piece of text, then the full Response is returned.
  // If `on_delta` throws, the call is cancelled and the exception propagates.
  Response stream(const ClientSpec& client, const Request& request, const CallOptions& options,
                  const DeltaCallback& on_delta);

  // Starts a non-streaming call and returns at once; the future holds the Response or the typed
  // exception. Errors in the client's configuration also arrive through the future.
  std::future<Response> submit(const ClientSpec& client, const Request& request, const CallOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baml
