// examples/agent as a C++ program, the walk-through of docs/generated-api.md. Against the mock LLM
// server (its address in BAML_MOCK_BASE_URL, which the clients of ../baml_src/mock.baml read) it
//   1. extracts a resume with a sync call,
//   2. streams a score, printing each partial value as it arrives, then the final one,
//   3. survives a fallback whose first clients time out, and says which client answered,
//   4. catches a typed baml::TimeoutError and says which limit fired, when, on which client.
// It exits 0 when all four went as expected.
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <baml/collector.h>

#include "baml_client/client.hpp"

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return "[" + out + "]";
}

long long ms(std::chrono::nanoseconds d) {
  return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

// A partial value has only the fields that have arrived: print those.
void show(const agent::partial::CandidateScore& p) {
  std::cout << "  partial:";
  if (p.score) std::cout << " score=" << *p.score;
  if (p.strengths) std::cout << " strengths=" << join(*p.strengths);
  if (p.gaps) std::cout << " gaps=" << join(*p.gaps);
  if (p.recommendation) std::cout << " recommendation=" << agent::to_string(*p.recommendation);
  std::cout << "\n";
}

}  // namespace

int main() try {
  agent::Client b;

  // 1. A sync call returns the typed value. ExtractResume's own client is a real provider; the
  //    call options send this one call to the mock instead.
  baml::CallOptions on_mock;
  on_mock.client_override = "MockReply";
  agent::Resume r = b.ExtractResume("[mock:answer=resume] Grace Hopper, rear admiral, compiler pioneer", on_mock);
  std::cout << "1. resume: " << r.name << " (" << agent::to_string(r.seniority) << "), skills " << join(r.skills)
            << ", " << r.experience.size() << " job(s)";
  if (r.notice_period) std::cout << ", notice " << std::chrono::duration_cast<std::chrono::hours>(*r.notice_period).count() << "h";
  std::cout << "\n";

  // 2. A stream yields partial values as the text arrives (24 bytes every 40ms here), then the
  //    final value, parsed and checked (score's @assert) like a sync call's.
  agent::JobOpening job{"Compiler lead [mock:answer=score,chunk_size=24,gap=40ms]", {"compilers"}, {}};
  std::cout << "2. score, streamed:\n";
  auto stream = b.stream().ScoreCandidate(r, job, on_mock);
  while (std::optional<agent::partial::CandidateScore> part = stream.next()) show(*part);
  agent::CandidateScore score = stream.final();
  std::cout << "  final: " << score.score << ", " << agent::to_string(score.recommendation) << ", gaps "
            << join(score.gaps) << "\n";

  // 3. MockChain falls back from two clients that time out to one that answers. A collector
  //    records every attempt of the call: the last one is the client that answered.
  auto collector = std::make_shared<baml::Collector>();
  baml::CallOptions traced;
  traced.collector = collector;
  std::string answer = b.MockAskWithFallback("How many people live in Lyon?", traced);
  std::cout << "3. fallback: " << answer << "\n";
  const std::vector<baml::AttemptRecord> attempts = collector->last()->attempts;
  for (const baml::AttemptRecord& a : attempts) std::cout << "  " << baml::describe_attempt(a) << "\n";
  std::cout << "  answered by " << attempts.back().client() << "\n";

  // 4. A limit that fires is a typed error: which limit, its value, the time elapsed, the client.
  try {
    b.MockAskSlow("Are you there?");
    std::cout << "4. MockAskSlow answered: no timeout\n";
    return 1;
  } catch (const baml::TimeoutError& e) {
    std::cout << "4. TimeoutError: " << baml::limit_field_name(e.kind()) << " " << e.limit().count() << "ms fired after "
              << ms(e.elapsed()) << "ms on " << e.client() << "\n  " << e.what() << "\n";
  }
  return r.name == "Grace Hopper" && score.score == 87 && attempts.back().client() == "MockReply" ? 0 : 1;
} catch (const baml::Error& e) {
  std::cerr << "agent: " << e.what() << "\n";
  return 1;
}
