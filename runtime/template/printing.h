// How BAML 0.226.2 prints values (../shared/reference/rendering.md, checked with the oracle):
// `{{ x }}` uses `display`, items inside a list or dict use `repr` (strings quoted and escaped as
// Rust's Debug does, floats in Rust's Debug form, none as `none`), and a class instance prints
// as an indented pseudo-JSON with trailing commas and alias keys, in which null is `null`.
#pragma once

#include <string>
#include <string_view>

#include "template/jvalue.h"

namespace baml::ir {
class TypeSystem;
}

namespace baml::tmpl {

struct RenderOutput;

struct Printer {
  const ir::TypeSystem* types = nullptr;  // class aliases; null: field names
  RenderOutput* media = nullptr;          // media print as markers into it; null: as their URL

  // Jinja's string conversion (`~`, `|string`, `join`): none is "none", undefined "".
  void display(const JValue& v, std::string& out) const;
  // An item inside a printed list or dict.
  void repr(const JValue& v, std::string& out) const;
  // `|pprint`: Rust's `{:#?}` of the value (lists and maps one item a line, four spaces a
  // level, trailing commas; class instances as `pretty`).
  void pprint(const JValue& v, std::string& out, std::size_t indent = 0) const;
  // A class instance, or a value inside one, in the indented form.
  void pretty(const Value& v, std::string& out, std::size_t indent) const;
  void media_marker(const Media& m, std::string& out) const;
};

// Rust's Display of f64 plus ".0" for whole numbers (no exponent ever): 1e20 prints
// "100000000000000000000.0".
void format_float_display(double f, std::string& out);
// Rust's Debug of f64: the exponent form below 1e-4 and from 1e16 ("1e16", "1.5e-7").
void format_float_debug(double f, std::string& out);
// `"` + Rust's str::escape_debug + `"`.
void quote_debug(std::string_view s, std::string& out);

}  // namespace baml::tmpl
