// Drawing the soak's calls (see calls.h). A call is drawn in three parts: its answer (the content
// directives, and what the answer must parse into), its fault (the directives that decide how the
// mock server sends that answer, or fails to), and the caller's options; then the oracle plays it
// out, and a call whose outcome would hang on two instants it cannot order for sure is drawn again.
#include "calls.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace soak {

namespace {

using baml::Value;

// ---- Random helpers ----

int uniform(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool chance(std::mt19937_64& rng, double p) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& items) {
  return items[static_cast<std::size_t>(uniform(rng, 0, static_cast<int>(items.size()) - 1))];
}

// An item of `items` drawn with its weight (a copy: `items` is often a temporary list).
template <typename T>
T weighted(std::mt19937_64& rng, const std::vector<std::pair<T, int>>& items) {
  int total = 0;
  for (const auto& [item, weight] : items) total += weight;
  int draw = uniform(rng, 1, total);
  for (const auto& [item, weight] : items) {
    draw -= weight;
    if (draw <= 0) return item;
  }
  return items.back().first;
}

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string duration(int ms) {
  return std::to_string(ms) + "ms";
}

// ---- Answers ----

const std::vector<std::string> kWords = {"printer", "queue",  "stalled", "after", "the",   "update",  "users",
                                         "report",  "errors", "on",      "login", "again", "billing", "page"};
const std::vector<std::string> kTitles = {
    "Printer on floor 3 is on fire",
    "Caf\xC3\xA9 \xE2\x98\x95 machine broken",
    "Quote \"this\" and a back\\slash",
    "Tabs\tand\nnewlines",
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x81\xE3\x82\xB1\xE3\x83\x83\xE3\x83\x88",
    "It's broken, again",
    "Braces {like} these [and] those",
};
const std::vector<std::string> kPriorities = {"LOW", "MEDIUM", "HIGH"};

// A string as the answer's parse gives it back. `form=single_quotes` quotes every string without a
// `'` in it with `'` and leaves its escapes as they were; BAML 0.226.2 reads a single-quoted
// string's backslashes literally (`'Tabs\tand'` is the 9 characters `Tabs\tand`), and so does bamlc.
std::string as_parsed(const std::string& s, bool single_quoted) {
  if (!single_quoted || s.find('\'') != std::string::npos) return s;
  const std::string quoted = nlohmann::json(s).dump();
  return quoted.substr(1, quoted.size() - 2);
}

Value ticket_value(const TicketFields& t, bool single_quoted = false) {
  Value::Items tags;
  for (const std::string& tag : t.tags) tags.push_back(Value::string(as_parsed(tag, single_quoted)));
  return Value::instance("Ticket", {{"id", Value::integer(t.id)},
                                    {"notes", Value::string(as_parsed(t.notes, single_quoted))},
                                    {"title", Value::string(as_parsed(t.title, single_quoted))},
                                    {"tags", Value::list(std::move(tags))},
                                    {"priority", Value::enumeration("Priority", t.priority)},
                                    {"code", Value::string(as_parsed(t.code, single_quoted))}});
}

// The JSON text of a ticket. `notes` comes first and is long, so that the first half of the text
// (form=truncated) ends inside it and lacks the last field: such an answer never fits.
std::string ticket_json(const TicketFields& t, bool pretty) {
  nlohmann::ordered_json j;
  j["id"] = t.id;
  j["notes"] = t.notes;
  j["title"] = t.title;
  j["tags"] = t.tags;
  j["priority"] = t.priority;
  j["code"] = t.code;
  return j.dump(pretty ? 2 : -1);
}

TicketFields random_ticket(std::mt19937_64& rng, std::int64_t id) {
  TicketFields t;
  t.id = id;
  t.notes = "Soak call " + std::to_string(id) + ":";
  while (t.notes.size() < 220) t.notes += " " + pick(rng, kWords);
  t.title = pick(rng, kTitles);
  const int n = uniform(rng, 0, 3);
  for (int i = 0; i < n; ++i) t.tags.push_back(pick(rng, kWords));
  t.priority = pick(rng, kPriorities);
  t.code = "C-" + std::to_string(id);
  return t;
}

Value ada() {
  return Value::instance(
      "Person",
      {{"name", Value::string("Ada Lovelace")},
       {"age", Value::integer(36)},
       {"email", Value::string("ada@example.com")},
       {"skills", Value::list({Value::string("mathematics"), Value::string("poetry"), Value::string("engineering")})}});
}

// The answer's directives (content, form, chunking), what it parses into, and how many content
// chunks it is cut into (0: not known, by words or by bytes).
struct Answer {
  std::string name;
  std::vector<std::string> directives;
  AnswerCheck check;
  bool unique = false;  // the tag set carries the nonce, so fail_first counts are the call's own
  int chunks = 0;
};

// Forms that leave a JSON answer's value as it is (but for single_quotes' escapes, see
// as_parsed), in a random order but for single_quotes, which goes after the other JSON-aware
// forms: they scan for JSON's double-quoted strings and would put a trailing comma inside a
// single-quoted `'{like}'`. On JSON written without whitespace, the forms that make it invalid
// JSON (trailing_comma, unquoted_keys, single_quotes) make text that BAML 0.226.2 cannot read:
// `{"id":1,"notes":"x",}` gives `id` the unquoted string `1,"notes":"x",`, and bamlc reads it the
// same way. They are drawn for pretty-printed JSON only. For the same reason, compact JSON is
// fenced before prose is added (prose around the block), never the other way: BAML reads a
// block's content with the fixing parser as a whole, so prose inside the fence leaves the JSON
// to it (`Sure!\n{"id":1,"notes":"x"}` in a block gives `id` the string `1,"notes":"x"`).
std::string harmless_forms(std::mt19937_64& rng, bool pretty) {
  std::vector<std::string> forms = {"fenced", "prose"};
  if (pretty) forms.insert(forms.end(), {"trailing_comma", "unquoted_keys", "single_quotes"});
  std::shuffle(forms.begin(), forms.end(), rng);
  forms.resize(static_cast<std::size_t>(uniform(rng, 0, std::min<int>(3, static_cast<int>(forms.size())))));
  std::stable_partition(forms.begin(), forms.end(), [](const std::string& f) { return f != "single_quotes"; });
  if (!pretty) std::stable_partition(forms.begin(), forms.end(), [](const std::string& f) { return f == "fenced"; });
  std::string out;
  for (const std::string& f : forms) out += (out.empty() ? "" : "+") + f;
  return out;
}

bool has_single_quotes(const std::string& forms) {
  return forms.find("single_quotes") != std::string::npos;
}

Answer ticket_answer(std::mt19937_64& rng, std::int64_t nonce, const std::vector<AnswerFile>& files, bool need_unique) {
  const std::string kind =
      need_unique ? weighted<std::string>(rng, {{"json", 85}, {"truncated", 5}, {"assert", 5}, {"b64_prose", 5}})
                  : weighted<std::string>(
                        rng, {{"json", 70}, {"file", 12}, {"truncated", 5}, {"assert", 5}, {"prose", 4}, {"empty", 4}});
  Answer a;
  a.name = "ticket_" + kind;
  if (kind == "file") {
    const int k = uniform(rng, 0, static_cast<int>(files.size()) - 1);
    const AnswerFile& file = files[static_cast<std::size_t>(k)];
    a.directives.push_back("reply_file=" + file.name);
    const std::string forms = harmless_forms(rng, file.pretty);
    if (!forms.empty()) a.directives.push_back("form=" + forms);
    a.check.value = ticket_value(file.ticket, has_single_quotes(forms));
    return a;
  }
  if (kind == "prose" || kind == "empty") {
    a.directives.push_back("answer=" + kind);
    a.check.parses = false;
    return a;
  }
  a.unique = true;
  if (kind == "b64_prose") {
    a.directives.push_back("reply_b64=" +
                           base64url("Sorry, I found no ticket in message " + std::to_string(nonce) + "."));
    a.check.parses = false;
    return a;
  }
  TicketFields t = random_ticket(rng, nonce);
  if (kind == "assert") t.id = -nonce;  // fails `id int @assert(positive_id, {{ this > 0 }})`
  const bool pretty = chance(rng, 0.5);
  a.directives.push_back("reply_b64=" + base64url(ticket_json(t, pretty)));
  std::string forms = harmless_forms(rng, pretty);
  const bool quoted = has_single_quotes(forms);
  if (kind == "truncated") forms = forms.empty() ? "truncated" : forms + "+truncated";
  if (!forms.empty()) a.directives.push_back("form=" + forms);
  if (kind == "json")
    a.check.value = ticket_value(t, quoted);
  else
    a.check.parses = false;
  return a;
}

Answer person_answer(std::mt19937_64& rng, std::int64_t nonce, bool need_unique) {
  const std::string kind = need_unique ? std::string("json")
                                       : weighted<std::string>(rng, {{"object", 20},
                                                                     {"fenced", 20},
                                                                     {"malformed", 20},
                                                                     {"json", 25},
                                                                     {"truncated", 5},
                                                                     {"prose", 5},
                                                                     {"empty", 5}});
  Answer a;
  a.name = "person_" + kind;
  if (kind == "json") {
    a.unique = true;
    nlohmann::ordered_json j;
    j["name"] = "Soak Person " + std::to_string(nonce);
    j["age"] = uniform(rng, 18, 99);
    j["email"] = "p" + std::to_string(nonce) + "@example.com";
    j["skills"] = std::vector<std::string>{pick(rng, kWords), pick(rng, kWords)};
    const bool pretty = chance(rng, 0.5);
    a.directives.push_back("reply_b64=" + base64url(j.dump(pretty ? 2 : -1)));
    if (const std::string forms = harmless_forms(rng, pretty); !forms.empty()) a.directives.push_back("form=" + forms);
    Value::Items skills;
    for (const auto& s : j["skills"]) skills.push_back(Value::string(s.get<std::string>()));
    a.check.value = Value::instance("Person", {{"name", Value::string(j["name"].get<std::string>())},
                                               {"age", Value::integer(j["age"].get<int>())},
                                               {"email", Value::string(j["email"].get<std::string>())},
                                               {"skills", Value::list(std::move(skills))}});
    return a;
  }
  a.directives.push_back("answer=" + kind);
  if (kind == "object" || kind == "fenced" || kind == "malformed") {
    a.check.value = ada();
    // The canned object (pretty-printed) takes any further harmless form too.
    if (kind == "object" && chance(rng, 0.5)) {
      if (const std::string forms = harmless_forms(rng, true); !forms.empty()) a.directives.push_back("form=" + forms);
    }
  } else if (kind == "truncated") {
    // The first half of the object: `{"name": "Ada Lovelace", "age": 36, "email": "ada@examp`.
    // BAML 0.226.2 reads it as this (the open string as it stands, the missing list empty).
    a.check.value = Value::instance("Person", {{"name", Value::string("Ada Lovelace")},
                                               {"age", Value::integer(36)},
                                               {"email", Value::string("ada@examp")},
                                               {"skills", Value::list({})}});
  } else {
    a.check.parses = false;
  }
  return a;
}

const std::string kProse = "I'm sorry, but I can't find that information in the text you gave me.";

Answer echo_answer(std::mt19937_64& rng, std::int64_t nonce, bool need_unique) {
  const std::string kind =
      need_unique ? weighted<std::string>(rng, {{"reply", 50}, {"b64", 50}})
                  : weighted<std::string>(
                        rng, {{"reply", 30}, {"b64", 30}, {"echo", 20}, {"prose", 8}, {"empty", 6}, {"truncated", 6}});
  Answer a;
  a.name = "echo_" + kind;
  const std::string id = std::to_string(nonce);
  if (kind == "reply") {
    a.unique = true;
    const std::string text = "Echo " + id + ", with commas, words: " + pick(rng, kWords) + " " + pick(rng, kWords);
    a.directives.push_back("reply=" + text);
    a.check.value = Value::string(text);
  } else if (kind == "b64") {
    a.unique = true;
    const std::string text =
        "Echo " + id + " [brackets], {braces}, \"quotes\"\nand a second line: " + pick(rng, kTitles);
    a.directives.push_back("reply_b64=" + base64url(text));
    a.check.value = Value::string(text);
  } else if (kind == "echo") {
    a.directives.push_back("echo");
    a.check.contains = "soak-" + id;
  } else if (kind == "truncated") {
    // A string answer is the text as it came: here the first half of the canned object.
    a.directives.push_back("answer=truncated");
    a.check.value = Value::string("{\n  \"name\": \"Ada Lovelace\",\n  \"age\": 36,\n  \"email\": \"ada@examp");
  } else if (kind == "prose") {
    a.directives.push_back("answer=prose");
    a.check.value = Value::string(kProse);
  } else {
    a.directives.push_back("answer=empty");
    a.check.value = Value::string("");
  }
  return a;
}

// ---- Faults ----

Outcome http(int status) {
  Outcome o;
  o.ending = Ending::Http;
  o.status = status;
  return o;
}

Outcome connection_reset() {
  Outcome o;
  o.ending = Ending::Connection;
  o.failure = baml::ConnectionFailure::Reset;
  return o;
}

// A success: the first content after `ttfb + first`, then `chunks` chunks `gap` apart.
AttemptBehaviour success(double ttfb, double first, double gap, int chunks) {
  AttemptBehaviour b;
  b.first_content = ttfb + first;
  b.chunk_gap = gap;
  b.chunks = chunks;
  b.completes = ttfb + first + gap * std::max(0, chunks - 1);
  return b;
}

AttemptBehaviour failure_at(double at, Outcome outcome, bool content) {
  AttemptBehaviour b;
  b.first_content = content ? at : kNever;
  b.completes = at;
  b.at_completion = std::move(outcome);
  return b;
}

struct FaultDraw {
  std::string name;
  std::vector<std::string> directives;  // before the answer's
  Fault fault;
  bool needs_unique = false;       // fail_first: the tag set must be the call's own
  bool replaces_chunking = false;  // the fault sets chunks= itself
};

// A Retry-After for an error response, in one of its three forms, or none.
void add_retry_after(std::mt19937_64& rng, FaultDraw& f, Outcome& o, bool long_ok) {
  const std::string form =
      weighted<std::string>(rng, {{"none", 40}, {"seconds", 25}, {"ms", 20}, {"date", long_ok ? 15 : 0}});
  if (form == "seconds") {
    // Fractional seconds also send retry-after-ms; whole seconds only Retry-After.
    const bool whole = chance(rng, 0.3);
    const int millis = whole ? 1000 * uniform(rng, 1, 3) : 10 * uniform(rng, 2, 30);
    std::ostringstream s;
    if (whole)
      s << millis / 1000;
    else
      s << millis / 1000 << '.' << (millis % 1000 < 100 ? "0" : "") << (millis % 1000) / 10;
    f.directives.push_back("retry_after=" + s.str());
    o.retry_after_lo = o.retry_after_hi = millis;
  } else if (form == "ms") {
    const int millis = 10 * uniform(rng, 2, 30);
    f.directives.push_back("retry_after_ms=" + std::to_string(millis));
    o.retry_after_lo = o.retry_after_hi = millis;
  } else if (form == "date") {
    const int seconds = uniform(rng, 3, 6);
    f.directives.push_back("retry_after_date=" + std::to_string(seconds));
    // An HTTP date has whole seconds: the wait it means is between S - 1 and S seconds.
    o.retry_after_lo = 1000.0 * (seconds - 1);
    o.retry_after_hi = 1000.0 * seconds;
  }
}

const std::vector<int> kStatuses = {400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504, 529};

FaultDraw draw_fault(std::mt19937_64& rng, bool stream, int default_chunks) {
  static const std::vector<std::pair<std::string, int>> kFaults = {
      {"ok", 14},        {"ok_slow_headers", 5}, {"ok_slow_first", 5}, {"ok_slow_chunks", 5}, {"ttfb_hang", 4},
      {"first_hang", 4}, {"stall", 5},           {"gap_hang", 3},      {"drip", 4},           {"status", 8},
      {"reset", 3},      {"truncate", 3},        {"close_after", 3},   {"stream_error", 3},   {"invalid_utf8", 3},
      {"garbage", 3},    {"fail_first", 8},
  };
  FaultDraw f;
  f.name = weighted(rng, kFaults);
  auto chunks_directive = [&](int chunks) {
    f.directives.push_back("chunks=" + std::to_string(chunks));
    f.replaces_chunking = true;
  };
  auto ping = [&]() {
    if (stream && chance(rng, 0.6)) f.directives.push_back("ping=" + duration(uniform(rng, 10, 80)));
  };
  const std::string& n = f.name;
  if (n == "ok") {
    f.fault.base = success(0, 0, 0, default_chunks);
  } else if (n == "ok_slow_headers") {
    const int ttfb = uniform(rng, 20, 100);
    f.directives.push_back("ttfb=" + duration(ttfb));
    f.fault.base = success(ttfb, 0, 0, default_chunks);
  } else if (n == "ok_slow_first") {
    const int first = uniform(rng, 20, 100);
    f.directives.push_back("first=" + duration(first));
    ping();
    f.fault.base = success(0, first, 0, default_chunks);
  } else if (n == "ok_slow_chunks") {
    const int gap = uniform(rng, 5, 20), chunks = uniform(rng, 2, 8);
    f.directives.push_back("gap=" + duration(gap));
    chunks_directive(chunks);
    ping();
    f.fault.base = success(0, 0, gap, chunks);
  } else if (n == "ttfb_hang") {
    f.directives.push_back("ttfb=10s");
    f.fault.base = success(10'000, 0, 0, default_chunks);
  } else if (n == "first_hang") {
    f.directives.push_back("first=10s");
    ping();
    f.fault.base = success(0, 10'000, 0, default_chunks);
  } else if (n == "stall") {
    const int chunks = uniform(rng, 2, 6), after = uniform(rng, 0, chunks + 1), gap = uniform(rng, 0, 10);
    f.directives.push_back("stall_after=" + std::to_string(after));
    chunks_directive(chunks);
    if (gap > 0) f.directives.push_back("gap=" + duration(gap));
    ping();
    f.fault.base = success(0, 0, gap, chunks);
    f.fault.base.completes = kNever;
    if (after == 0) {
      f.fault.base.first_content = kNever;  // headers only
    } else {
      f.fault.base.data_stops = gap * (std::min(after, chunks) - 1);
    }
  } else if (n == "gap_hang") {
    const int chunks = uniform(rng, 2, 5);
    f.directives.push_back("gap=5s");
    chunks_directive(chunks);
    ping();
    f.fault.base = success(0, 0, 5'000, chunks);
  } else if (n == "drip") {
    const int every = uniform(rng, 20, 60);
    f.directives.push_back("drip=" + duration(every));
    f.fault.base = success(0, 0, every, 1);
    f.fault.base.drip = true;
    f.fault.base.completes = kNever;
  } else if (n == "status") {
    const int status = pick(rng, kStatuses);
    const int ttfb = chance(rng, 0.3) ? uniform(rng, 10, 80) : 0;
    f.directives.push_back("status=" + std::to_string(status));
    if (ttfb > 0) f.directives.push_back("ttfb=" + duration(ttfb));
    Outcome o = http(status);
    add_retry_after(rng, f, o, true);
    if (status != 429 && status != 503) o.retry_after_lo = o.retry_after_hi = std::nullopt;  // not honoured
    f.fault.base = failure_at(ttfb, o, true);
  } else if (n == "reset") {
    f.directives.push_back("reset");
    f.fault.base = failure_at(0, connection_reset(), false);
  } else if (n == "truncate" || n == "close_after" || n == "stream_error") {
    // Fewer chunks than the answer has: a truncated body is never a whole one.
    const int chunks = uniform(rng, 2, 6), after = uniform(rng, 0, chunks - 1);
    f.directives.push_back(n + "=" + std::to_string(after));
    chunks_directive(chunks);
    Outcome o;
    if (n == "close_after")
      o = connection_reset();  // curl: transfer closed with data outstanding
    else if (n == "stream_error")
      o = http(200);  // the provider's error event (or body) in a 200
    else
      o = stream ? connection_reset() : http(200);  // a stream that never finished; a cut JSON body
    f.fault.base = failure_at(0, o, after > 0);
  } else if (n == "invalid_utf8") {
    f.directives.push_back("invalid_utf8");
    f.fault.base = failure_at(0, http(200), true);  // not JSON: a malformed answer
  } else if (n == "garbage") {
    const int bytes = uniform(rng, 1, 2048);
    f.directives.push_back("garbage=" + std::to_string(bytes));
    int status = 200;
    if (chance(rng, 0.3)) {
      status = pick(rng, kStatuses);
      f.directives.push_back("status=" + std::to_string(status));
    }
    f.fault.base = failure_at(0, http(status), true);
  } else if (n == "fail_first") {
    f.needs_unique = true;
    const int k = uniform(rng, 1, 3);
    f.directives.push_back("fail_first=" + std::to_string(k));
    Outcome o;
    if (chance(rng, 0.25)) {
      f.directives.push_back("reset");
      o = connection_reset();
    } else {
      const int status = chance(rng, 0.4) ? 503 : pick(rng, kStatuses);
      if (status != 503 || chance(rng, 0.5)) f.directives.push_back("status=" + std::to_string(status));
      o = http(status);
      add_retry_after(rng, f, o, true);
      if (status != 429 && status != 503) o.retry_after_lo = o.retry_after_hi = std::nullopt;
    }
    f.fault.fail_first = k;
    f.fault.failing = failure_at(0, o, o.ending == Ending::Http);
    // The requests after the first K: an answer, now and then a slow one.
    if (chance(rng, 0.3)) {
      const int ttfb = uniform(rng, 20, 100);
      f.directives.push_back("ttfb=" + duration(ttfb));
      f.fault.base = success(ttfb, 0, 0, default_chunks);
    } else {
      f.fault.base = success(0, 0, 0, default_chunks);
    }
  }
  return f;
}

// The clients a call goes through (CallOptions::client_override), with their weights.
const std::vector<std::pair<std::string, int>> kClients = {
    {"OpenAi", 10},        {"Anthropic", 10},     {"Gemini", 10},     {"Responses", 10},
    {"OpenAiRetry", 5},    {"AnthropicRetry", 5}, {"GeminiRetry", 5}, {"ResponsesRetry", 5},
    {"HangThenOpenAi", 6}, {"Pair", 6},           {"Budgeted", 8},    {"Rotation", 6},
};

}  // namespace

std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::Call: return "call";
    case Mode::Stream: return "stream";
    case Mode::Submit: return "submit";
  }
  return "?";
}

std::string_view function_name(Function function) {
  switch (function) {
    case Function::Ticket: return "GetTicket";
    case Function::Person: return "GetPerson";
    case Function::Echo: return "Echo";
  }
  return "?";
}

const std::vector<std::string>& all_directives() {
  static const std::vector<std::string> kAll = {
      "ttfb",         "first",      "gap",          "stall_after",      "drip",
      "ping",         "status",     "retry_after",  "retry_after_date", "retry_after_ms",
      "reset",        "reply",      "reply_b64",    "reply_file",       "answer",
      "form",         "chunks",     "chunk_size",   "truncate",         "close_after",
      "stream_error", "fail_first", "invalid_utf8", "garbage",          "echo"};
  return kAll;
}

std::vector<AnswerFile> write_answer_files(const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::mt19937_64 rng(20261206);
  std::vector<AnswerFile> files;
  for (int k = 0; k < 8; ++k) {
    AnswerFile file{"ticket_" + std::to_string(k) + ".json", random_ticket(rng, 900'001 + k), k % 2 == 0};
    std::ofstream out(std::filesystem::path(dir) / file.name, std::ios::binary);
    out << ticket_json(file.ticket, file.pretty);
    if (!out) throw std::runtime_error("cannot write the answer files in " + dir);
    files.push_back(std::move(file));
  }
  return files;
}

CallSpec CallDrawer::draw(std::mt19937_64& rng, int index, std::int64_t nonce) {
  for (int tries = 0;; ++tries) {
    if (tries == 1000) throw std::runtime_error("soak: could not draw a call the oracle can decide");
    CallSpec c;
    c.index = index;
    c.nonce = nonce;
    c.function = weighted<Function>(rng, {{Function::Ticket, 60}, {Function::Person, 20}, {Function::Echo, 20}});
    c.mode = weighted<Mode>(rng, {{Mode::Call, 35}, {Mode::Stream, 40}, {Mode::Submit, 25}});
    c.client = weighted(rng, kClients);
    const bool stream = c.mode == Mode::Stream;

    // How the answer is cut into content chunks when the fault does not say: by words (the
    // default), evenly, or by bytes.
    std::vector<std::string> chunking;
    const std::string cut = weighted<std::string>(rng, {{"words", 40}, {"chunks", 40}, {"chunk_size", 20}});
    int default_chunks = 1;
    if (cut == "chunks") {
      default_chunks = uniform(rng, 1, 8);
      chunking.push_back("chunks=" + std::to_string(default_chunks));
    } else if (cut == "chunk_size") {
      chunking.push_back("chunk_size=" + std::to_string(uniform(rng, 1, 64)));
    }
    // With several chunks of unknown count, the timing faults use only instants that do not
    // depend on it.

    FaultDraw f = draw_fault(rng, stream, default_chunks);
    Answer a = c.function == Function::Ticket   ? ticket_answer(rng, nonce, files_, f.needs_unique)
               : c.function == Function::Person ? person_answer(rng, nonce, f.needs_unique)
                                                : echo_answer(rng, nonce, f.needs_unique);
    // An empty answer is one empty chunk whatever `chunks` says, and in a stream an empty chunk is
    // no content (so a drip of them never ends the wait for a first token): the faults that count
    // chunks or time their content do not apply to it.
    static const std::vector<std::string> kCounting = {"ok_slow_chunks", "stall",        "gap_hang", "truncate",
                                                       "close_after",    "stream_error", "drip"};
    if (a.directives.back() == "answer=empty" &&
        std::find(kCounting.begin(), kCounting.end(), f.name) != kCounting.end()) {
      ++stats_.drawn;
      ++stats_.redrawn;
      ++stats_.redraw_reasons["an empty answer under a fault that counts chunks"];
      continue;
    }
    c.fault = f.name;
    c.content = a.name;
    c.answer = a.check;

    std::vector<std::string> tag = f.directives;
    if (!f.replaces_chunking) tag.insert(tag.end(), chunking.begin(), chunking.end());
    // `reply=` runs to the tag's end: it goes last.
    tag.insert(tag.end(), a.directives.begin(), a.directives.end());
    std::stable_partition(tag.begin(), tag.end(), [](const std::string& d) { return d.rfind("reply=", 0) != 0; });
    std::string joined;
    for (const std::string& d : tag) {
      joined += (joined.empty() ? "" : ",") + d;
      const std::string key = d.substr(0, d.find('='));
      if (std::find(c.directives.begin(), c.directives.end(), key) == c.directives.end()) c.directives.push_back(key);
    }
    c.argument = "Request soak-" + std::to_string(nonce) + " (" + std::string(function_name(c.function)) +
                 "). [mock:" + joined + "]";

    CallerOptions caller;
    if (chance(rng, 0.25)) {
      c.timeout_ms = uniform(rng, 100, 3000);
      c.absolute_deadline = chance(rng, 0.5);
      caller.deadline = c.timeout_ms;
    }
    if (chance(rng, 0.08)) {
      c.cancel_ms = uniform(rng, 10, 1500);
      caller.cancel_at = c.cancel_ms;
    }
    c.expected = expect(*settings_.ir, c.client, f.fault, caller, settings_.slack);
    ++stats_.drawn;
    std::string reject;
    if (c.expected.ambiguous)
      reject = c.expected.why_ambiguous;
    else if (c.expected.end > settings_.max_call_ms)
      reject = "longer than --max-call-ms";
    if (reject.empty()) return c;
    ++stats_.redrawn;
    ++stats_.redraw_reasons[reject.substr(0, reject.find(" within"))];
  }
}

}  // namespace soak
