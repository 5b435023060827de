// Provider lookup and the helpers shared by the wire formats (see provider.h).
#include "providers/provider.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <baml/errors.h>

#include "providers/anthropic.h"
#include "providers/aws_bedrock.h"
#include "providers/google_ai.h"
#include "providers/json_reader.h"
#include "providers/openai.h"
#include "providers/openai_responses.h"
#include "providers/vertex_ai.h"

namespace baml {

using nlohmann::json;

const Provider& request_builder_for(const ClientSpec& client) {
  static const OpenAiProvider openai(OpenAiFlavor::OpenAi);
  static const OpenAiProvider generic(OpenAiFlavor::Generic);
  static const OpenAiProvider azure(OpenAiFlavor::Azure);
  static const OpenAiProvider ollama(OpenAiFlavor::Ollama);
  static const OpenAiResponsesProvider responses;
  static const AnthropicProvider anthropic;
  static const GoogleAiProvider google;
  static const VertexAiProvider vertex;
  static const AwsBedrockProvider bedrock;
  switch (client.provider) {
    case ProviderKind::OpenAI: return openai;
    case ProviderKind::OpenAIGeneric: return generic;
    case ProviderKind::AzureOpenAI: return azure;
    case ProviderKind::Ollama: return ollama;
    case ProviderKind::OpenAIResponses: return responses;
    case ProviderKind::Anthropic: return anthropic;
    case ProviderKind::GoogleAI: return google;
    case ProviderKind::VertexAI: return vertex;
    case ProviderKind::AwsBedrock: return bedrock;
    case ProviderKind::Fallback:
    case ProviderKind::RoundRobin:
      throw_config_error("client " + client.name + " is a " + client.provider_name +
                             " client; composite clients are run by the strategy layer, not called directly",
                         client.name);
    case ProviderKind::Unsupported: break;
  }
  throw_config_error("provider " + client.provider_name + " is not supported by this runtime", client.name);
}

const Provider& provider_for(const ClientSpec& client) {
  if (client.provider == ProviderKind::VertexAI || client.provider == ProviderKind::AwsBedrock) {
    throw_config_error("calling provider " + client.provider_name + " is not implemented yet", client.name);
  }
  return request_builder_for(client);
}

std::string provider_error_message(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded() && parsed.is_object()) {
    auto error = parsed.find("error");
    if (error != parsed.end()) {
      if (error->is_string()) return error->get<std::string>();
      if (error->is_object()) {
        auto message = error->find("message");
        if (message != error->end() && message->is_string()) return message->get<std::string>();
      }
    }
    auto message = parsed.find("message");
    if (message != parsed.end() && message->is_string()) return message->get<std::string>();
  }
  // Not an API error body (a proxy's HTML page, plain text): its first line says enough.
  std::string_view first = body.substr(0, body.find_first_of("\r\n"));
  constexpr std::size_t kShown = 200;
  std::string out(first.substr(0, kShown));
  if (first.size() > kShown) out += "...";
  return out;
}

namespace wire {

json parse_json(std::string_view text, std::string_view what) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    std::string shown(text.substr(0, 80));
    if (text.size() > 80) shown += "...";
    throw MalformedResponse(std::string(what) + " is not valid JSON: " + shown);
  }
  return parsed;
}

namespace {

// Whether byte `c` needs a look: a control byte (< 0x20), '"', '\\' or a byte of a multi-byte
// UTF-8 sequence (>= 0x80).
inline bool needs_look(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

// The first byte in [p, end) that needs a look, or `end`. Prompts are mostly plain ASCII with a
// quote or a newline every few dozen bytes: 16 bytes are tested at a time and the first flagged
// one is found from the mask, so a flagged byte costs no more than a plain one.
inline const char* next_look(const char* p, const char* end) {
#ifdef __SSE2__
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // A signed compare flags control bytes and bytes >= 0x80 together.
    const __m128i look = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    if (const int mask = _mm_movemask_epi8(look); mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p != end && !needs_look(static_cast<unsigned char>(*p))) ++p;
  return p;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Geometric growth: an exact reserve per string would copy the whole body again for each one.
  if (const std::size_t need = out.size() + text.size() + 2; out.capacity() < need) {
    out.reserve(std::max(need, 2 * out.capacity()));
  }
  out += '"';
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* plain = p;  // the start of the run of bytes copied as they are
  while ((p = next_look(p, end)) != end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence_length(p, end);
      if (n == 0) {
        // Not UTF-8: nlohmann's own serializer throws the error it always has.
        out += nlohmann::json(std::string(text)).dump();
        return;
      }
      p += n;
      continue;
    }
    out.append(plain, p);
    char escape[6] = {'\\', 0, 0, 0, 0, 0};
    std::size_t length = 2;
    switch (c) {
      case '"': escape[1] = '"'; break;
      case '\\': escape[1] = '\\'; break;
      case '\b': escape[1] = 'b'; break;
      case '\f': escape[1] = 'f'; break;
      case '\n': escape[1] = 'n'; break;
      case '\r': escape[1] = 'r'; break;
      case '\t': escape[1] = 't'; break;
      default:
        escape[1] = 'u';
        escape[2] = '0';
        escape[3] = '0';
        escape[4] = kHex[c >> 4];
        escape[5] = kHex[c & 15];
        length = 6;
        break;
    }
    out.append(escape, length);
    plain = ++p;
  }
  out.append(plain, p);
  out += '"';
}

namespace {

void dump_object(std::string& out, const nlohmann::json& object, std::initializer_list<RawMember> raw);

void dump_into(std::string& out, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: dump_object(out, value, {}); return;
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const nlohmann::json& item : value) {
        if (!first) out += ',';
        first = false;
        dump_into(out, item);
      }
      out += ']';
      return;
    }
    case nlohmann::json::value_t::string: append_json_string(out, value.get_ref<const std::string&>()); return;
    case nlohmann::json::value_t::number_integer: out += std::to_string(value.get<std::int64_t>()); return;
    case nlohmann::json::value_t::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); return;
    default: out += value.dump(); return;  // null, booleans, floats (nlohmann's own number format), binary
  }
}

// An object's members in their order, each written by dump_into unless `raw` names it.
void dump_object(std::string& out, const nlohmann::json& object, std::initializer_list<RawMember> raw) {
  out += '{';
  bool first = true;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, it.key());
    out += ':';
    const auto replaced = std::find_if(raw.begin(), raw.end(), [&](const RawMember& m) { return m.first == it.key(); });
    if (replaced != raw.end()) {
      out += replaced->second;
    } else {
      dump_into(out, it.value());
    }
  }
  out += '}';
}

}  // namespace

std::string dump_json(const nlohmann::json& value) {
  std::string out;
  dump_into(out, value);
  return out;
}

std::string dump_json_with(const nlohmann::json& object, std::initializer_list<RawMember> raw) {
  std::string out;
  std::size_t size = 64;
  for (const RawMember& member : raw) size += member.second.size();
  out.reserve(size);
  dump_object(out, object, raw);
  return out;
}

std::string messages_json(const std::vector<Message>& messages, std::string_view skip_role) {
  std::size_t size = 2;
  for (const Message& message : messages) size += message.content.size() + message.role.size() + 24;
  std::string out;
  out.reserve(size);
  out += '[';
  for (const Message& message : messages) {
    if (!skip_role.empty() && message.role == skip_role) continue;
    if (out.size() > 1) out += ',';
    out += R"({"content":)";
    append_json_string(out, message.content);
    out += R"(,"role":)";
    append_json_string(out, message.role);
    out += '}';
  }
  out += ']';
  return out;
}

std::string request_body(const ResolvedOptions& options, const std::vector<BodyField>& fields) {
  std::string out;
  std::size_t size = 2;
  for (const BodyField& field : fields) size += field.key.size() + field.json.size() + 4;
  out.reserve(size + 64);
  out += '{';
  bool first = true;
  auto key = [&out, &first](std::string_view name) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
  };
  auto field = fields.begin();
  const nlohmann::json& values = options.values;
  for (auto it = values.begin(); it != values.end(); ++it) {
    const std::string& name = it.key();
    if (!ResolvedOptions::passes_through(name)) continue;
    for (; field != fields.end() && field->key < name; ++field) {
      key(field->key);
      out += field->json;
    }
    if (field != fields.end() && field->key == name) {
      const bool replaced = field->replaces_option;
      if (replaced) {
        key(field->key);
        out += field->json;
      }
      ++field;
      if (replaced) continue;
    }
    key(name);
    out += it.value().dump();
  }
  for (; field != fields.end(); ++field) {
    key(field->key);
    out += field->json;
  }
  out += '}';
  return out;
}

void set_header(std::vector<std::pair<std::string, std::string>>& headers, std::string name, std::string value) {
  auto same = [&name](const std::string& other) {
    if (other.size() != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(other[i])) != std::tolower(static_cast<unsigned char>(name[i]))) {
        return false;
      }
    }
    return true;
  };
  for (auto& header : headers) {
    if (same(header.first)) {
      header.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string with_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params) {
  for (const auto& [key, value] : params) {
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += percent_encode(key) + "=" + percent_encode(value);
  }
  return url;
}

std::vector<std::pair<std::string, std::string>> query_params(const ResolvedOptions& options) {
  std::vector<std::pair<std::string, std::string>> out;
  auto it = options.values.find("query_params");
  if (it == options.values.end() || it->is_null()) return out;
  if (!it->is_object()) throw_config_error("option query_params must be a map of strings", options.client);
  for (auto entry = it->begin(); entry != it->end(); ++entry) {
    if (!entry.value().is_string())
      throw_config_error("query param " + entry.key() + " must be a string", options.client);
    out.emplace_back(entry.key(), entry.value().get<std::string>());
  }
  return out;
}

}  // namespace wire

}  // namespace baml
