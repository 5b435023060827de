#include "cli/test_interrupt.h"

#include <csignal>

namespace bamlc::cli {
namespace {

std::atomic<bool> g_interrupted{false};
struct sigaction g_previous_int;
struct sigaction g_previous_term;

extern "C" void on_interrupt(int signal) {
  if (g_interrupted.exchange(true)) {
    // The second one: stop now.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}

}  // namespace

static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

InterruptHandler::InterruptHandler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptHandler::~InterruptHandler() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

const std::atomic<bool>& InterruptHandler::flag() const { return g_interrupted; }

}  // namespace bamlc::cli
