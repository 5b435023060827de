// The runtime's public API. A Runtime owns one HTTP engine (one event-loop thread on the libcurl
// multi interface) and calls clients under their declared limits and the caller's budget:
//
//   baml::ClientIr ir = baml::read_client_ir_text(ir_json);
//   baml::Runtime runtime;
//   baml::Response r = runtime.call(ir, "Agent", {"Fn", {{"user", "Hi"}}});
//
// A client of the IR may be a leaf or a composite (fallback, round-robin); the call runs its retry
// policy and strategy under one budget (docs/runtime.md, "Strategies"). Failures are typed
// exceptions (errors.h): a TimeoutError names the limit that fired. Every Response and every error
// carries the attempt history. A Runtime is thread-safe; many threads may call it at once, and
// `submit` keeps any number of calls in flight on the one engine loop. A `call` or `stream` on a
// Runtime with nothing else in flight runs that loop on the calling thread while it waits, instead
// of handing the call to the engine's thread and back (docs/runtime.md, "Who runs the loop").
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <baml/attempt_record.h>
#include <baml/call_future.h>
#include <baml/call_options.h>
#include <baml/cancellation.h>
#include <baml/client_ir.h>
#include <baml/client_spec.h>
#include <baml/collector.h>
#include <baml/environment.h>
#include <baml/errors.h>
#include <baml/request.h>
#include <baml/response.h>

namespace baml {

struct RuntimeOptions {
  // Resolves {"env": NAME} option values at call time. Defaults to the process environment.
  EnvLookup env;
  // The CA certificates servers are verified against (a PEM file; a directory of hashed
  // certificates). Empty: SSL_CERT_FILE / SSL_CERT_DIR from the environment, else the system's
  // store. Verification itself is always on.
  std::string ca_bundle;
  std::string ca_directory;
};

// Every call in flight holds a socket, and the usual soft limit of open files is 1,024: raises the
// process's soft RLIMIT_NOFILE to its hard limit, as servers do at start-up (bamlc does this), and
// returns the soft limit now in force (0 if it cannot be read). Past it, a call fails with a
// ConnectionError that names the limit (docs/runtime.md, "Many calls in flight").
std::size_t raise_open_file_limit();

// Receives streamed text as it arrives: on the thread that called `stream`; for `submit_stream`,
// on the thread running the engine's loop.
using DeltaCallback = std::function<void(std::string_view delta)>;

class Runtime {
 public:
  Runtime();
  explicit Runtime(RuntimeOptions options);
  // Calls still in flight end with a CancelledError.
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Calls through any client of the IR — leaf or composite — under one budget, running its retry
  // policy and fallback/round-robin strategy. Throws the typed errors; every error and the
  // Response carry the attempt history. `options.client_override` replaces `client`. An unknown
  // client or retry policy anywhere in the plan is a ConfigError before anything is sent.
  Response call(const ClientIr& ir, std::string_view client, const Request& request, const CallOptions& options = {});

  // The same, streaming. `on_delta` sees the text of every attempt as it arrives, on the calling
  // thread. When an attempt fails after sending text and the strategy goes on (a retry, the next
  // fallback child), `options.on_attempt` reports that attempt with outcome `error` before any
  // text of the next one: the text received since the previous report is not part of the answer.
  // The returned Response's text is the answering attempt's only.
  Response stream(const ClientIr& ir, std::string_view client, const Request& request, const CallOptions& options,
                  const DeltaCallback& on_delta);

  // Starts a call and returns at once; the future (call_future.h: std::future's interface) holds
  // the Response or the typed exception (configuration errors included). Waits between attempts
  // are engine timers, not threads.
  CallFuture submit(const ClientIr& ir, std::string_view client, const Request& request,
                    const CallOptions& options = {});

  // Starts a streaming call and returns at once, for programs that keep many streams going
  // without a thread each. `on_delta` sees the text as `stream`'s does (secrets held back and
  // scrubbed the same way, an attempt's text ended by its on_attempt report), but on the thread
  // running the engine's loop, like `options.on_attempt` here: it must be quick, and an exception
  // it throws is dropped. The future holds the Response or the typed exception.
  CallFuture submit_stream(const ClientIr& ir, std::string_view client, const Request& request,
                           const CallOptions& options, DeltaCallback on_delta);

  // One call through a leaf client given on its own, non-streaming: a single attempt (a retry
  // policy needs the IR that defines it). Blocks until the answer or an error.
  Response call(const ClientSpec& client, const Request& request, const CallOptions& options = {});

  // One streaming call; `on_delta` sees each piece of text, then the full Response is returned.
  // If `on_delta` throws, the call is cancelled and the exception propagates.
  Response stream(const ClientSpec& client, const Request& request, const CallOptions& options,
                  const DeltaCallback& on_delta);

  // Starts a non-streaming call and returns at once; the future holds the Response or the typed
  // exception. Errors in the client's configuration also arrive through the future.
  CallFuture submit(const ClientSpec& client, const Request& request, const CallOptions& options = {});

  // Starts a streaming call through a leaf given on its own (see submit_stream above).
  CallFuture submit_stream(const ClientSpec& client, const Request& request, const CallOptions& options,
                           DeltaCallback on_delta);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baml
