// The program of tests/codegen/run_codegen_test.py: generated bindings (namespace hr) called
// against the mock LLM server, whose answers the prompt chooses (`[mock:reply_b64=...]`), in every
// form: sync, stream(), async(), with checks, recursion, hostile names, a deadline and a cancel.
// BAML_MOCK_BASE_URL names the server; prints one line per check and exits 1 on the first failure.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "baml_client/client.hpp"

namespace {

int failures = 0;

void expect(bool ok, const char* what) {
  std::cout << (ok ? "ok   " : "FAIL ") << what << std::endl;
  if (!ok) ++failures;
}

std::string base64(std::string_view in) {
  static const char* const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < in.size()) {
    const unsigned n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16U) |
                       (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8U) |
                       static_cast<unsigned>(static_cast<unsigned char>(in[i + 2]));
    out += table[(n >> 18U) & 63U];
    out += table[(n >> 12U) & 63U];
    out += table[(n >> 6U) & 63U];
    out += table[n & 63U];
    i += 3;
  }
  const std::size_t rest = in.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16U;
    if (rest == 2) n |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8U;
    out += table[(n >> 18U) & 63U];
    out += table[(n >> 12U) & 63U];
    out += rest == 2 ? table[(n >> 6U) & 63U] : '=';
    out += '=';
  }
  return out;
}

// A prompt text that makes the mock answer `json`, with more directives if given.
std::string answer(std::string_view json, std::string_view more = {}) {
  std::string tag = "[mock:";
  if (!more.empty()) tag += std::string(more) + ",";
  return tag + "reply_b64=" + base64(json) + "]";
}

const char* const kResume = R"({"name": "Grace Hopper", "age": 85, "score": 9.5, "active": true, "notice": "336h",
 "skills": ["cobol", "compilers"],
 "jobs": [{"title": "Admiral", "years": 43, "level": "senior engineer"}, {"title": "Intern", "years": 0, "level": "JUNIOR"}],
 "links": {"home": "https://example.com"}, "contact": 42, "status": "closed", "code": 404,
 "note": "done", "tags": {"k": ["STAFF", "JUNIOR"]}})";

}  // namespace

int main() {
  if (std::getenv("BAML_MOCK_BASE_URL") == nullptr) {
    std::cerr << "BAML_MOCK_BASE_URL is not set\n";
    return 2;
  }
  hr::Client b;

  // Sync: every field shape.
  const hr::Resume r = b.ExtractResume(answer(kResume));
  expect(r.name == "Grace Hopper" && r.age == 85 && r.score > 9.4 && r.active, "sync: scalars");
  expect(r.notice == std::chrono::milliseconds(336LL * 3600 * 1000), "sync: duration");
  expect(r.skills.size() == 2 && r.jobs.size() == 2 && r.jobs[0].level == hr::Level::SENIOR, "sync: lists and enums");
  expect(r.links.at("home") == "https://example.com" && r.tags.at("k").size() == 2, "sync: maps");
  expect(r.contact && std::holds_alternative<std::int64_t>(*r.contact) && std::get<std::int64_t>(*r.contact) == 42,
         "sync: union keeps the parsed arm");
  expect(r.status == hr::Resume_status::closed && r.code == hr::Resume_code::_404, "sync: literal unions");
  {
    hr::Media m;
    m.img = baml::Image::from_url("https://example.com/a.png");
    m.doc = baml::Pdf::from_base64("JVBERi0=", "application/pdf");
    expect(b.Describe("[mock:reply=a picture]", m, baml::Image::from_url("https://example.com/b.png")) == "a picture",
           "media arguments");
  }
  expect(r.jobs[0].years.value == 43 && r.jobs[0].years.checks.at("positive").status == baml::CheckStatus::Succeeded,
         "sync: a passing check");
  expect(r.jobs[1].years.checks.at("positive").status == baml::CheckStatus::Failed && !r.jobs[1].years.all_passed(),
         "sync: a failing check");
  expect(hr::to_string(hr::Level::SENIOR) == "SENIOR" && hr::from_string<hr::Level>("STAFF") == hr::Level::STAFF &&
             !hr::from_string<hr::Level>("senior engineer"),
         "enum names");

  // Stream: partial values arrive, then the final one.
  {
    auto s = b.stream().ExtractResume(answer(kResume, "chunk_size=16,gap=2ms"));
    int parts = 0;
    bool saw_name = false;
    while (auto part = s.next()) {
      ++parts;
      if (part->name) saw_name = true;
    }
    const hr::Resume done = s.final();
    expect(parts > 1 && saw_name, "stream: partial values");
    expect(done == r, "stream: final equals the sync answer");
  }

  // Async: many calls in flight.
  {
    auto f1 = b.async().Count(answer("7"));
    auto f2 = b.async().Classify(answer("\"STAFF\""), hr::Level::JUNIOR);
    expect(f1.valid() && f1.get() == 7 && f2.get() == hr::Level::STAFF, "async: futures");
  }

  // Recursion: classes and aliases.
  {
    const hr::Tree t = b.MakeTree(answer(R"({"label": "a", "children": [{"label": "b", "children": []}]})"), 2,
                                  hr::Mood::happy, std::nullopt);
    expect(t.label == "a" && t.children.size() == 1 && t.children[0].label == "b", "recursive class");
    hr::JsonValue in;
    in.value = hr::JsonValue_{std::int64_t{1}};
    const hr::JsonValue j = b.AnyJson(answer(R"({"x": [1, "two", {"y": true}]})"), in);
    bool ok = j.value && std::holds_alternative<std::map<std::string, baml::Box<hr::JsonValue>>>(*j.value);
    expect(ok, "recursive alias");
    const hr::Node n = b.Walk(answer(R"({"value": 1, "next": {"value": 2, "next": null}})"), hr::Node{}, hr::Expr{},
                              {hr::Pet{hr::Cat{}}}, {{"k", hr::Level::JUNIOR}});
    expect(n.value == 1 && n.next && (*n.next)->value == 2 && !(*n.next)->next, "boxed recursion");
    const hr::Pick_Result p = b.Pick(hr::Pick_x{std::string(answer(R"({"kind": "dog", "good": true})"))}, hr::Pick_y::b);
    expect(std::holds_alternative<hr::Dog>(p) && std::get<hr::Dog>(p).good, "union of classes");
  }

  // No arguments; enum map keys, number unions, literal-or-int, nested unions, aliases.
  {
    const hr::Extras x = b.NoArgs();
    expect(x.by_level.at(hr::Level::STAFF) == 3 && x.by_level.size() == 2, "map with enum keys");
    expect(std::holds_alternative<double>(x.num) && std::get<double>(x.num) > 2.4, "int | float keeps the float");
    expect(std::holds_alternative<std::string>(x.mixed) && x.nested.size() == 3 &&
               std::holds_alternative<bool>(x.nested[2]),
           "unions with literals and nested unions");
    expect(x.names.size() == 2 && x.boss && x.boss->title == "CEO" && x.maybe_pet &&
               std::holds_alternative<hr::Cat>(*x.maybe_pet),
           "aliases and optional unions");
    auto s = b.stream().NoArgs();
    std::optional<hr::partial::Extras> last;
    while (auto part = s.next()) last = std::move(part);
    expect(last && last->stateful.state == baml::StreamState::Complete && last->stateful.value == 4 &&
               last->by_level && last->by_level->size() == 2,
           "stream: a with_state field");
    expect(s.final() == x, "stream: final of a function without arguments");
  }

  // Hostile names round-trip.
  {
    hr::class_ c;
    c.namespace_ = "ns";
    const hr::class_ got = b.delete_(answer(R"({"namespace": "n", "class": "c", "class_": 3, "and": true, "NULL": null,
      "errno": "e", "_x": 1, "X__y": 2, "std": "s", "partial": 4, "template": null})"),
                                     c, 5);
    expect(got.namespace_ == "n" && got.class__ == "c" && got.class___ == 3 && got.and_ && got.X__y == 2 && got.partial == 4,
           "hostile names");
    const hr::Op op = b.async_(answer("\"and\""));
    expect(op == hr::Op::and_, "enum value `and`");
  }

  // A deadline: the mock stalls, the caller's timeout fires.
  {
    baml::CallOptions o;
    o.timeout = std::chrono::milliseconds(200);
    try {
      b.Count("[mock:ttfb=5s,reply=1]", o);
      expect(false, "timeout: TimeoutError");
    } catch (const baml::TimeoutError& e) {
      expect(true, "timeout: TimeoutError");
    }
  }

  // A stream cut by its deadline: next() ends quietly, final() throws, the last partial is kept.
  {
    baml::CallOptions o;
    o.timeout = std::chrono::milliseconds(400);
    auto s = b.stream().ExtractResume(answer(kResume, "chunk_size=8,gap=40ms"), o);
    int parts = 0;
    while (s.next()) ++parts;
    try {
      static_cast<void>(s.final());
      expect(false, "stream deadline: TimeoutError");
    } catch (const baml::TimeoutError& e) {
      expect(parts > 0 && e.info().partial_value.has_value(), "stream deadline: TimeoutError keeps the last partial value");
    }
  }

  // An HTTP error status is an HttpError, in every form.
  try {
    static_cast<void>(b.async().Count("[mock:status=500]").get());
    expect(false, "HttpError");
  } catch (const baml::HttpError& e) {
    expect(e.status() == 500, "HttpError");
  }

  // Cancel: a token cancels a stream; dropping a future cancels its call.
  {
    baml::CallOptions o;
    baml::CancellationToken token;
    o.cancel = token;
    auto s = b.stream().ExtractResume(answer(kResume, "chunk_size=8,gap=50ms"), o);
    static_cast<void>(s.next());
    token.cancel();
    while (s.next()) {
    }
    try {
      static_cast<void>(s.final());
      expect(false, "cancel: CancelledError");
    } catch (const baml::CancelledError&) {
      expect(true, "cancel: CancelledError");
    }
    const auto start = std::chrono::steady_clock::now();
    {
      auto f = b.async().Count("[mock:ttfb=5s,reply=1]");
      auto s2 = b.stream().Count("[mock:ttfb=5s,reply=1]");
    }
    expect(std::chrono::steady_clock::now() - start < std::chrono::seconds(3), "dropping a future and a stream cancels them");
  }

  // Validation: an answer that fits nothing.
  try {
    static_cast<void>(b.ExtractResume("[mock:answer=prose]"));
    expect(false, "ValidationError");
  } catch (const baml::ValidationError&) {
    expect(true, "ValidationError");
  }

  std::cout << (failures == 0 ? "all passed" : "FAILED") << "\n";
  return failures == 0 ? 0 : 1;
}
