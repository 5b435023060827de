// Request building for AWS Bedrock Converse (see aws_bedrock.h). Expectations come from
// tools/baml_oracle (aws_bedrock_test.cpp).
#include "providers/aws_bedrock.h"

#include <cctype>

#include <baml/errors.h>

#include "providers/chat_messages.h"
#include "providers/rendered_wire.h"

namespace baml {

using nlohmann::json;

namespace {

// RFC 3986 unreserved characters stay; everything else (':' in model ids) is %XX.
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

// A float option as BAML holds it: an f32, so 0.2 goes out as 0.20000000298023224.
json as_f32(const json& value) {
  if (value.is_number_float()) return static_cast<double>(static_cast<float>(value.get<double>()));
  return value;
}

// inference_configuration's snake_case keys become the Converse API's inferenceConfig.
json inference_config(const json& options, const std::string& client) {
  auto it = options.find("inference_configuration");
  if (it == options.end() || it->is_null()) return nullptr;
  if (!it->is_object()) throw_config_error("option inference_configuration must be a map", client);
  json out = json::object();
  for (auto entry = it->begin(); entry != it->end(); ++entry) {
    const std::string& key = entry.key();
    if (key == "max_tokens") {
      out["maxTokens"] = entry.value();
    } else if (key == "temperature") {
      out["temperature"] = as_f32(entry.value());
    } else if (key == "top_p") {
      out["topP"] = as_f32(entry.value());
    } else if (key == "stop_sequences") {
      out["stopSequences"] = entry.value();
    } else {
      throw_config_error("unknown inference_configuration key: " + key, client);
    }
  }
  return out;
}

std::string subtype(const std::string& media_type) { return media_type.substr(media_type.find('/') + 1); }

void add_blocks(const ChatPart& part, const ResolvedOptions& options, json& out) {
  if (part.part.kind == ContentPart::Kind::Text) {
    out.push_back({{"text", part.part.text}});
  } else {
    // Oracle: images, audio and pdfs by URL are inlined (downloaded) by default, a video is sent
    // by URL; a media item sent by URL must be an s3:// URI (an s3Location source), and its
    // format is only given when its media type is known.
    wire::MediaUrlDefaults defaults;
    defaults.image = defaults.audio = defaults.pdf = wire::MediaUrlHandling::SendBase64;
    defaults.video = wire::MediaUrlHandling::SendUrl;
    const Media& media = part.part.media;
    const wire::WireMedia data = wire::wire_media(media, options, defaults, "aws-bedrock");
    json block = json::object();
    if (data.by_url) {
      if (data.url.rfind("s3://", 0) != 0) {
        throw_config_error("provider aws-bedrock takes a " + std::string(to_string(media.kind)) +
                               " by URL only as an s3:// URI (as BAML), not " + data.url,
                           options.client);
      }
      if (!data.media_type.empty()) block["format"] = subtype(data.media_type);
      block["source"] = {{"s3Location", {{"uri", data.url}}}};
    } else {
      block = {{"format", subtype(data.media_type)}, {"source", {{"bytes", data.base64}}}};
    }
    switch (media.kind) {
      case MediaKind::Image: out.push_back({{"image", std::move(block)}}); break;
      case MediaKind::Audio: out.push_back({{"audio", std::move(block)}}); break;
      case MediaKind::Video: out.push_back({{"video", std::move(block)}}); break;
      case MediaKind::Pdf:
        block["name"] = "document";
        out.push_back({{"document", std::move(block)}});
        break;
    }
  }
  if (part.metadata.contains("cache_control")) out.push_back({{"cachePoint", {{"type", "default"}}}});
}

json blocks_of(const std::vector<ChatPart>& parts, const ResolvedOptions& options) {
  json out = json::array();
  for (const ChatPart& part : parts) add_blocks(part, options, out);
  return out;
}

}  // namespace

HttpRequest AwsBedrockProvider::build_request(const ResolvedOptions& options, const Request& request,
                                              bool stream) const {
  // BAML 0.226.2 refuses to build one too ("AWS Bedrock modular streaming is not supported"):
  // ConverseStream answers in AWS's binary event stream, which a built request cannot describe.
  if (stream) {
    throw_config_error("building a streaming aws-bedrock request is not supported (as in BAML); build the "
                       "non-streaming request",
                       options.client);
  }
  std::string model = options.model;
  if (model.empty()) model = options.string_option("model_id").value_or("");
  if (model.empty()) throw_config_error("provider aws-bedrock requires option model (or model_id)", options.client);
  const std::optional<std::string> region = options.string_option("region");
  if (!region) {
    throw_config_error("provider aws-bedrock requires option region (BAML also reads AWS_REGION; bamlc does not yet)",
                       options.client);
  }
  HttpRequest out;
  out.url = "https://bedrock-runtime." + *region + ".amazonaws.com/model/" + percent_encode(model) + "/converse";
  wire::put_header(out.headers, "content-type", "application/json");
  wire::put_header(out.headers, "accept", "application/json");

  json body = json::object();
  std::vector<ChatMessage> messages =
      chat_messages(request, role_policy(ProviderKind::AwsBedrock, options.values, options.client));
  const std::vector<ChatPart> system = take_system_prompt(messages);
  if (!system.empty()) body["system"] = blocks_of(system, options);
  json list = json::array();
  for (const ChatMessage& message : messages) {
    list.push_back({{"role", message.role}, {"content", blocks_of(message.parts, options)}});
  }
  body["messages"] = std::move(list);
  if (json config = inference_config(options.values, options.client); !config.is_null()) {
    body["inferenceConfig"] = std::move(config);
  }
  if (auto extra = options.values.find("additional_model_request_fields");
      extra != options.values.end() && !extra->is_null()) {
    body["additionalModelRequestFields"] = *extra;
  }
  out.body = wire::dump_json(body);
  return out;
}

void AwsBedrockProvider::parse_response(std::string_view, ProviderReply&) const {
  throw_config_error("calling provider aws-bedrock is not implemented yet");
}

EventClass AwsBedrockProvider::on_event(const SseEvent&, ProviderReply&) const {
  throw_config_error("calling provider aws-bedrock is not implemented yet");
}

}  // namespace baml
