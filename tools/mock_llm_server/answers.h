// What the mock model answers, beyond a literal `reply=`: named canned answers for structured
// output (a valid JSON object, one in a fence with prose, malformed JSON, a truncated object,
// prose that fits no class, an empty answer), base64-encoded replies, replies read from a file,
// and the `form=` rewrites that wrap or break a JSON answer on purpose (fenced, trailing commas,
// unquoted keys...). Pure text functions, no I/O except read_answer_file. The names and their
// exact texts are documented in docs/mock_llm_server.md ("Answers for function calls").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mock_llm {

// The text of a canned answer, or nullopt for an unknown name.
std::optional<std::string> canned_answer(std::string_view name);
// The names canned_answer knows, for error messages and the docs.
const std::vector<std::string_view>& canned_answer_names();

// Whether `name` is a form that apply_form knows.
bool is_form(std::string_view name);
const std::vector<std::string_view>& form_names();
// Rewrites `text` by the form `name` (which must be known). The JSON-aware forms scan the text
// as JSON tokens (strings with their escapes), so they also work on text around JSON.
std::string apply_form(std::string_view name, std::string_view text);

// Standard or URL-safe base64, padding optional, no whitespace. nullopt when malformed.
std::optional<std::string> decode_base64(std::string_view text);

// Reads the answer file `path`: absolute, or relative to `dir` (the server's --answers-dir;
// empty: the working directory). Returns the contents, or nullopt with `error` set to a sentence
// naming the file and the problem. Files over 16 MiB are refused.
std::optional<std::string> read_answer_file(std::string_view path, std::string_view dir, std::string& error);

}  // namespace mock_llm
