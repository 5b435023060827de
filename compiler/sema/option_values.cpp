#include "compiler/sema/option_values.h"

namespace bamlc::sema {
namespace {

bool is_text(const ast::Value& v) {
  return v.kind == ast::ValueKind::String || v.kind == ast::ValueKind::RawString || v.kind == ast::ValueKind::Word ||
         v.kind == ast::ValueKind::EnvRef;
}

bool fits(const ast::Value& v, OptionType type) {
  switch (type) {
    case OptionType::String: return is_text(v);
    case OptionType::Int: return v.kind == ast::ValueKind::Int;
    case OptionType::Bool: return v.kind == ast::ValueKind::Word && (v.text == "true" || v.text == "false");
    case OptionType::StringList:
      if (v.kind != ast::ValueKind::List) return false;
      for (const ast::Value& item : v.items) {
        if (!is_text(item)) return false;
      }
      return true;
    case OptionType::StringMap:
      if (v.kind != ast::ValueKind::Map) return false;
      for (const ast::MapEntry& e : v.entries) {
        if (e.value && !is_text(*e.value)) return false;
      }
      return true;
    case OptionType::Map: return v.kind == ast::ValueKind::Map;
    case OptionType::ClientList: return v.kind == ast::ValueKind::List;
    case OptionType::Any: return true;
  }
  return true;
}

}  // namespace

bool check_option_type(Context& ctx, const ast::MapEntry& entry, OptionType type) {
  if (!entry.value || entry.value->kind == ast::ValueKind::Invalid) return false;
  const ast::Value& v = *entry.value;
  if (fits(v, type)) return true;
  Diagnostic& d = ctx.diags.report(DiagKind::OptionType, v.span,
                                   "`" + entry.key.text + "` takes " + std::string(option_type_name(type)) + ", not " +
                                       std::string(ast::value_kind_name(v.kind)));
  if (type == OptionType::String && v.kind == ast::ValueKind::Duration) {
    d.with_hint("a duration literal is not a string here; quote it: `\"" + v.text + "\"`");
  } else if (type == OptionType::String) {
    d.with_hint("quote the value: `" + entry.key.text + " \"...\"`");
  } else if (type == OptionType::StringList) {
    d.with_hint("write a list: `" + entry.key.text + " [\"...\"]`");
  } else if (type == OptionType::Bool) {
    d.with_hint("write `" + entry.key.text + " true` or `" + entry.key.text + " false`");
  }
  return false;
}

model::OptionValue to_option_value(const ast::Value& value) {
  model::OptionValue out;
  switch (value.kind) {
    case ast::ValueKind::String:
    case ast::ValueKind::RawString:
    case ast::ValueKind::JinjaExpr:
      out.kind = model::OptionValue::Kind::String;
      out.text = value.text;
      break;
    case ast::ValueKind::Word:
      if (value.text == "true" || value.text == "false") {
        out.kind = model::OptionValue::Kind::Bool;
        out.bool_value = value.text == "true";
      } else if (value.text == "null") {
        out.kind = model::OptionValue::Kind::Null;
      } else {
        out.kind = model::OptionValue::Kind::String;
        out.text = value.text;
      }
      break;
    case ast::ValueKind::Int:
      out.kind = model::OptionValue::Kind::Int;
      out.int_value = value.int_value;
      break;
    case ast::ValueKind::Float:
      out.kind = model::OptionValue::Kind::Float;
      out.float_value = value.float_value;
      break;
    case ast::ValueKind::Duration:  // a duration passed through is milliseconds on the wire
      out.kind = model::OptionValue::Kind::Int;
      out.int_value = value.duration.count();
      break;
    case ast::ValueKind::EnvRef:
      out.kind = model::OptionValue::Kind::Env;
      out.text = value.text;
      break;
    case ast::ValueKind::List:
      out.kind = model::OptionValue::Kind::List;
      for (const ast::Value& item : value.items) out.items.push_back(to_option_value(item));
      break;
    case ast::ValueKind::Map:
      out.kind = model::OptionValue::Kind::Map;
      for (const ast::MapEntry& e : value.entries) {
        if (e.value) out.entries.emplace_back(e.key.text, to_option_value(*e.value));
      }
      break;
    case ast::ValueKind::Invalid:
      break;
  }
  return out;
}

}  // namespace bamlc::sema
