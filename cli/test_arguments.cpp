#include "cli/test_arguments.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <baml/errors.h>

namespace bamlc::cli {
namespace {

std::string base64(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string media_type_of(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, const char*> known[] = {
      {".png", "image/png"},   {".jpg", "image/jpeg"},       {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
      {".webp", "image/webp"}, {".pdf", "application/pdf"}, {".mp3", "audio/mpeg"},  {".wav", "audio/wav"},
      {".ogg", "audio/ogg"},   {".mp4", "video/mp4"},        {".webm", "video/webm"}, {".mov", "video/quicktime"}};
  for (const auto& [e, type] : known) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

// `{"file": "x.png"}` or `{"file": "x.png", "media_type": "image/png"}`.
bool is_file_media(const nlohmann::ordered_json& v) {
  if (!v.is_object() || !v.contains("file") || !v["file"].is_string()) return false;
  return v.size() == 1 || (v.size() == 2 && v.contains("media_type") && v["media_type"].is_string());
}

nlohmann::ordered_json resolve(const nlohmann::ordered_json& v, const TestCase& test, int depth) {
  if (depth > 200) return v;
  if (v.is_object()) {
    if (v.size() == 1 && v.contains("env") && v["env"].is_string()) {
      const std::string name = v["env"].get<std::string>();
      const char* value = std::getenv(name.c_str());
      if (value == nullptr) baml::throw_config_error("test `" + test.test + "`: environment variable " + name + " is not set");
      return value;
    }
    if (is_file_media(v)) {
      const std::filesystem::path path = std::filesystem::path(test.file_dir) / v["file"].get<std::string>();
      std::ifstream in(path, std::ios::binary);
      if (in) {
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return {{"base64", base64(bytes.str())},
                {"media_type", v.contains("media_type") ? v["media_type"].get<std::string>() : media_type_of(path)}};
      }
      baml::throw_config_error("test `" + test.test + "`: cannot read the media file " + path.string());
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = resolve(it.value(), test, depth + 1);
    return out;
  }
  if (v.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : v) out.push_back(resolve(item, test, depth + 1));
    return out;
  }
  return v;
}

}  // namespace

nlohmann::ordered_json test_arguments_json(const baml::Program&, const TestCase& test) {
  return resolve(nlohmann::ordered_json::parse(test.args.dump()), test, 0);
}

}  // namespace bamlc::cli
