// The named options of `ctx.output_format(...)` (docs/ir-templates.md item 8), read from the
// template's keyword arguments with BAML 0.226.2's conversions: string options take any value and
// use its text (`prefix=1` is the prefix "1"), `none` switches prefix-like options off, and the
// bool options take only booleans. A wrong value or an unknown name is a TemplateError.
#pragma once

#include <string>
#include <vector>

#include <baml/value.h>

namespace baml::output_format {

// An option that is left to the renderer (Auto), switched off with `none` (Never), or given.
struct Setting {
  enum class State { Auto, Never, Always };
  State state = State::Auto;
  std::string value;  // Always

  bool always() const { return state == State::Always; }
};

enum class MapStyle { Angle, Object };  // map<K, V> or {K: V}

// Which classes are written once above the schema and referred to by name. Recursive classes
// always are, whatever this says.
enum class HoistClasses { Auto, All, Subset };

struct Options {
  Setting prefix;               // the "Answer ...:" line
  std::string or_splitter = " or ";
  Setting enum_value_prefix;    // "- " before each value of a hoisted enum
  bool always_hoist_enums = false;
  Setting hoisted_class_prefix; // "interface" in `interface Node {`
  HoistClasses hoist_classes = HoistClasses::Auto;
  std::vector<std::string> hoisted_subset;  // HoistClasses::Subset, in the order given
  MapStyle map_style = MapStyle::Angle;
  bool quote_class_fields = false;
  Setting render_null_as;       // the text of the null type ("null")

  // The text the null type renders as.
  const std::string& null_text() const;
};

// Reads the keyword arguments; the defaults when `named` is empty.
Options parse_options(const Value::Entries& named);

// A value as Jinja prints it when a string is expected: strings as they are, `none`, `true`,
// `1.5`, lists as `["a", 1]`. Exposed for the tests.
std::string option_text(const Value& value);

}  // namespace baml::output_format
