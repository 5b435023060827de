// JValue's display form, as BAML prints a jsonish value it turns into a string.
#include "parse/jvalue.h"

namespace baml::parse {

JValue::JValue() = default;
JValue::~JValue() = default;
// `stable` belongs to a node at its place in a stream's store, never to a copy or a moved value.
JValue::JValue(const JValue& o)
    : kind(o.kind), complete(o.complete), boolean(o.boolean), text(o.text), entries(o.entries), items(o.items) {}
JValue::JValue(JValue&& o) noexcept
    : kind(o.kind), complete(o.complete), boolean(o.boolean), text(std::move(o.text)), entries(std::move(o.entries)),
      items(std::move(o.items)) {}
JValue& JValue::operator=(const JValue& o) {
  if (this != &o) {
    kind = o.kind;
    complete = o.complete;
    boolean = o.boolean;
    stable = false;
    text = o.text;
    entries = o.entries;
    items = o.items;
  }
  return *this;
}
JValue& JValue::operator=(JValue&& o) noexcept {
  kind = o.kind;
  complete = o.complete;
  boolean = o.boolean;
  stable = false;
  text = std::move(o.text);
  entries = std::move(o.entries);
  items = std::move(o.items);
  return *this;
}

namespace {
// Stops once `out` is longer than `limit`.
void display_into(const JValue& v, std::string& out, std::size_t limit) {
  if (out.size() > limit) return;
  switch (v.kind) {
    case JValue::Kind::Null: out += "null"; return;
    case JValue::Kind::Bool: out += v.boolean ? "true" : "false"; return;
    case JValue::Kind::Number:
    case JValue::Kind::String: out += v.text; return;
    case JValue::Kind::AnyOf: out += v.text; return;
    case JValue::Kind::Markdown:
    case JValue::Kind::Fixed: if (!v.items.empty()) display_into(v.items[0], out, limit); return;
    case JValue::Kind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [k, x] : v.entries) {
        if (out.size() > limit) return;
        if (!first) out += ", ";
        first = false;
        out += k;
        out += ": ";
        display_into(x, out, limit);
      }
      out += '}';
      return;
    }
    case JValue::Kind::Array: {
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (out.size() > limit) return;
        if (i) out += ", ";
        display_into(v.items[i], out, limit);
      }
      out += ']';
      return;
    }
  }
}
}  // namespace

std::string JValue::display() const {
  std::string out;
  display_into(*this, out, std::string::npos);
  return out;
}

std::string JValue::display_prefix(std::size_t n) const {
  std::string out;
  display_into(*this, out, n);
  return out;
}

const JValue& JValue::unwrapped() const {
  const JValue* v = this;
  while ((v->kind == Kind::Markdown || v->kind == Kind::Fixed) && !v->items.empty()) v = &v->items[0];
  return *v;
}

}  // namespace baml::parse
