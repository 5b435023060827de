#include "compiler/model/program.h"

#include <algorithm>

namespace bamlc::model {

OptionValue::OptionValue() = default;
OptionValue::OptionValue(const OptionValue&) = default;
OptionValue::OptionValue(OptionValue&&) noexcept = default;
OptionValue& OptionValue::operator=(const OptionValue&) = default;
OptionValue& OptionValue::operator=(OptionValue&&) noexcept = default;
OptionValue::~OptionValue() = default;

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

const Client* Program::find_client(std::string_view name) const { return client_index_.find(clients, name); }
const RetryPolicy* Program::find_retry_policy(std::string_view name) const { return retry_policy_index_.find(retry_policies, name); }
const Class* Program::find_class(std::string_view name) const { return class_index_.find(classes, name); }
const Enum* Program::find_enum(std::string_view name) const { return enum_index_.find(enums, name); }
const TypeAlias* Program::find_alias(std::string_view name) const { return alias_index_.find(aliases, name); }
const Function* Program::find_function(std::string_view name) const { return function_index_.find(functions, name); }
const TemplateString* Program::find_template_string(std::string_view name) const {
  return template_string_index_.find(template_strings, name);
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
