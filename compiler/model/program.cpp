#include "compiler/model/program.h"

#include <algorithm>

namespace bamlc::model {
namespace {

template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string to_string(const Type& type) {
  switch (type.kind) {
    case TypeKind::Int: return "int";
    case TypeKind::Float: return "float";
    case TypeKind::String: return "string";
    case TypeKind::Bool: return "bool";
    case TypeKind::Null: return "null";
    case TypeKind::Duration: return "duration";
    case TypeKind::Image: return "image";
    case TypeKind::Audio: return "audio";
    case TypeKind::Pdf: return "pdf";
    case TypeKind::Video: return "video";
    case TypeKind::Class: case TypeKind::Enum: case TypeKind::Alias: return type.name;
    case TypeKind::List: {
      const Type& item = type.children.at(0);
      const bool group = item.kind == TypeKind::Union;
      return (group ? "(" + to_string(item) + ")" : to_string(item)) + "[]";
    }
    case TypeKind::Optional: {
      const Type& item = type.children.at(0);
      const bool group = item.kind == TypeKind::Union;
      return (group ? "(" + to_string(item) + ")" : to_string(item)) + "?";
    }
    case TypeKind::Map: return "map<" + to_string(type.children.at(0)) + ", " + to_string(type.children.at(1)) + ">";
    case TypeKind::Union: {
      std::string out;
      for (const Type& member : type.children) out += (out.empty() ? "" : " | ") + to_string(member);
      return out;
    }
    case TypeKind::LiteralString: return "\"" + type.literal + "\"";
    case TypeKind::LiteralInt: case TypeKind::LiteralBool: return type.literal;
    case TypeKind::Error: return "<error>";
  }
  return "<error>";
}

Limit& Limits::operator[](LimitKind kind) {
  return const_cast<Limit&>(static_cast<const Limits&>(*this)[kind]);
}

const Limit& Limits::operator[](LimitKind kind) const {
  switch (kind) {
    case LimitKind::Connect: return connect;
    case LimitKind::TimeToFirstToken: return time_to_first_token;
    case LimitKind::Idle: return idle;
    case LimitKind::Request: return request;
    case LimitKind::Total: return total;
  }
  return connect;
}

std::string_view limit_field_name(LimitKind kind) {
  switch (kind) {
    case LimitKind::Connect: return "connect_timeout";
    case LimitKind::TimeToFirstToken: return "time_to_first_token_timeout";
    case LimitKind::Idle: return "idle_timeout";
    case LimitKind::Request: return "request_timeout";
    case LimitKind::Total: return "total_timeout";
  }
  return "";
}

std::string_view limit_ir_key(LimitKind kind) {
  switch (kind) {
    case LimitKind::Connect: return "connect_ms";
    case LimitKind::TimeToFirstToken: return "time_to_first_token_ms";
    case LimitKind::Idle: return "idle_ms";
    case LimitKind::Request: return "request_ms";
    case LimitKind::Total: return "total_ms";
  }
  return "";
}

const Client* Program::find_client(std::string_view name) const { return find_named(clients, name); }
const RetryPolicy* Program::find_retry_policy(std::string_view name) const { return find_named(retry_policies, name); }
const Class* Program::find_class(std::string_view name) const { return find_named(classes, name); }
const Enum* Program::find_enum(std::string_view name) const { return find_named(enums, name); }
const TypeAlias* Program::find_alias(std::string_view name) const { return find_named(aliases, name); }
const Function* Program::find_function(std::string_view name) const { return find_named(functions, name); }
const TemplateString* Program::find_template_string(std::string_view name) const {
  return find_named(template_strings, name);
}

std::string_view retry_class_name(RetryClass c) {
  switch (c) {
    case RetryClass::Connect: return "connect";
    case RetryClass::Timeout: return "timeout";
    case RetryClass::RateLimit: return "rate_limit";
    case RetryClass::Server: return "server";
  }
  return "";
}

}  // namespace bamlc::model
