// The request-body cases both provider tests run through their body writers and compare with the
// reference construction through a JSON document: option sets whose pass-through keys sort before,
// between and after the body's own members, and requests with every kind of character.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <baml/request.h>

namespace baml::testing {

inline std::vector<nlohmann::json> body_option_sets() {
  using nlohmann::json;
  return {
      json::object(),
      {{"model", "m\"1\u00e9"}},
      {{"model", ""}, {"temperature", 0.2}},
      {{"model", "m"}, {"aaa", {1, 2.5, "x", nullptr, true}}, {"max_tokens", 7}, {"mz", {{"b", 1}, {"a", "\n"}}},
       {"n", -3}, {"stream_options", {{"include_usage", false}}}, {"streamz", 1}, {"system", "opt"},
       {"zzz", 1e300}, {"Model", "upper"}, {"k\"ey\u00e9", "v"}, {"stream_options0", nullptr}},
      {{"stream_options", nullptr}, {"max_tokens", nullptr}, {"system", nullptr}},
  };
}

inline std::vector<Request> body_requests() {
  return {
      {"F", {}},
      {"F", {{"user", "Hi"}}},
      {"F", {{"system", "Be brief."}, {"system", "Use JSON."}, {"user", "Hi"}, {"assistant", "Hello"}}},
      {"F", {{"user", std::string("ctl \x01\x1f\x7f \b\f\n\r\t \"q\" \\ / \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 nul:") +
                          std::string(1, '\0')}}},
      {"F", {{"us\"er", "x"}, {"system", ""}}},
  };
}

}  // namespace baml::testing
