// The names a prompt template may use without declaring them: minijinja's filters, tests,
// global functions and Python-style methods that BAML's runtime offers, BAML's own `ctx` and
// `_` helpers, and the options of `ctx.output_format(...)`. Data, not logic: the checker
// (sema/template_typer.cpp) reads these lists, docs/ir-templates.md lists them for the runtime,
// and a name missing here is reported as unknown, with a did-you-mean from the same list.
#pragma once

#include <string_view>

namespace bamlc::sema {

// BAML 0.226's filter list (baml-lib jinja evaluate_type) plus minijinja builtins it renders.
inline constexpr std::string_view kTemplateFilters[] = {
    "abs",    "attr",       "batch",       "bool",      "capitalize", "count",   "d",       "default", "dictsort",
    "e",      "escape",     "first",       "float",     "format",     "groupby", "indent",  "int",     "items",
    "join",   "json",       "last",        "length",    "lines",      "list",    "lower",   "map",     "max",
    "min",    "pprint",     "regex_match", "reject",    "rejectattr", "replace", "reverse", "round",   "safe",
    "select", "selectattr", "slice",       "sort",      "split",      "string",  "sum",     "title",   "tojson",
    "trim",   "unique",     "upper",       "urlencode",
};

// minijinja's tests (`x is defined`).
inline constexpr std::string_view kTemplateTests[] = {
    "boolean", "containing", "defined",  "divisibleby",  "endingwith",  "eq",   "equalto", "escaped",   "even",
    "false",   "filter",     "float",    "ge",           "greaterthan", "gt",   "in",      "integer",   "iterable",
    "le",      "lessthan",   "lower",    "lt",           "mapping",     "ne",   "none",    "number",    "odd",
    "safe",    "sameas",     "sequence", "startingwith", "string",      "test", "true",    "undefined", "upper",
};

// Functions every template can call.
inline constexpr std::string_view kTemplateGlobals[] = {"cycler", "debug",     "dict", "joiner",
                                                        "lipsum", "namespace", "range"};

// Methods (minijinja's Python compatibility) by receiver.
inline constexpr std::string_view kStringMethods[] = {
    "capitalize", "count",   "endswith",   "find",         "format",       "isalnum", "isalpha",
    "isascii",    "isdigit", "islower",    "isnumeric",    "isspace",      "istitle", "isupper",
    "join",       "lower",   "lstrip",     "removeprefix", "removesuffix", "replace", "rfind",
    "rstrip",     "split",   "splitlines", "startswith",   "strip",        "title",   "upper",
};
inline constexpr std::string_view kMapMethods[] = {"get", "items", "keys", "values"};
inline constexpr std::string_view kListMethods[] = {"count", "index"};

// Attributes of `loop` inside a `{% for %}`; cycle and changed are called.
inline constexpr std::string_view kLoopAttributes[] = {"changed",  "cycle",    "depth",    "depth0", "first",
                                                       "index",    "index0",   "last",     "length", "nextitem",
                                                       "previtem", "revindex", "revindex0"};

// `ctx` in a prompt, and `ctx.client` (BAML's RenderContext).
inline constexpr std::string_view kCtxAttributes[] = {"client", "output_format", "tags"};
inline constexpr std::string_view kCtxClientAttributes[] = {"allowed_roles", "default_role", "name",
                                                            "options",       "provider",     "remap_role"};

// `_` in a prompt: `_.role("user")` (and its older name `_.chat`) starts a chat message.
inline constexpr std::string_view kRoleHelperAttributes[] = {"chat", "role"};

// `_` in a test's @@check/@@assert.
inline constexpr std::string_view kTestHelperAttributes[] = {"checks", "latency_ms", "result"};

// `ctx.output_format(...)` takes only these named options; each accepts the kinds of literal
// listed (a value that is not a literal is not checked).
enum class OutputFormatValue { String, StringOrNone, Bool, HoistClasses, MapStyle };
struct OutputFormatOption {
  std::string_view name;
  OutputFormatValue value;
};
inline constexpr OutputFormatOption kOutputFormatOptions[] = {
    {"prefix", OutputFormatValue::StringOrNone},
    {"or_splitter", OutputFormatValue::String},
    {"enum_value_prefix", OutputFormatValue::StringOrNone},
    {"always_hoist_enums", OutputFormatValue::Bool},
    {"hoisted_class_prefix", OutputFormatValue::StringOrNone},
    {"hoist_classes", OutputFormatValue::HoistClasses},
    {"map_style", OutputFormatValue::MapStyle},
    {"quote_class_fields", OutputFormatValue::Bool},
    {"render_null_as", OutputFormatValue::StringOrNone},
};

// The `type=` values of BAML's `format` filter.
inline constexpr std::string_view kFormatFilterTypes[] = {"json", "toon", "yaml"};

}  // namespace bamlc::sema
