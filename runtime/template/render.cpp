// Rendering nodes: text, output, if, for (loop object, filter, else, recursion, break/continue),
// set, namespace attributes, set blocks; template_string calls; and the entry points render,
// evaluate and truthy.
#include <algorithm>
#include <cstdint>
#include <random>

#include <baml/errors.h>

#include "template/evaluator.h"
#include "template/objects.h"
#include "template/operators.h"

namespace baml::tmpl {

using K = JValue::Kind;

void Evaluator::output_value(const JValue& v, std::string& out) {
  const std::size_t before = out.size();
  switch (v.kind()) {
    case K::String: {
      // A large value (a document passed as an argument) usually has more text after it: room
      // for half as much again saves copying the whole output a second time. Still geometric.
      const std::string& s = v.as_string();
      if (out.capacity() < out.size() + s.size()) out.reserve(std::max(2 * out.capacity(), out.size() + s.size() + s.size() / 2));
      out += s;
      break;
    }
    case K::None: out += "null"; break;  // BAML prints a bare none as null
    default: printer_.display(v, out); break;
  }
  output_bytes_ += out.size() - before;
  check_size(output_bytes_);
}

Evaluator::Flow Evaluator::render(const std::vector<ast::Node>& nodes, std::string& out) {
  using N = ast::NodeKind;
  for (const ast::Node& n : nodes) {
    step();
    switch (n.kind) {
      case N::Text:
        out += n.text;
        output_bytes_ += n.text.size();
        check_size(output_bytes_);
        break;
      case N::Output: output_value(eval(n.expr), out); break;
      case N::If:
        for (const ast::Branch& b : n.branches) {
          if (b.condition.kind == ast::ExprKind::Omitted || is_truthy(eval(b.condition))) {
            const Flow f = render(b.body, out);
            if (f != Flow::Normal) return f;
            break;
          }
        }
        break;
      case N::For: {
        const JValue iterable = eval(n.expr);
        run_loop(n, iterable, 1, out);
        break;
      }
      case N::Set: assign(n.text, eval(n.expr)); break;
      case N::SetUnpack: {
        const JValue value = eval(n.expr);
        if (!value.is_sequence() || value.seq_size() != n.targets.size()) {
          fail("invalid operation: cannot unpack " + std::string(type_name(value)) + " into " +
               std::to_string(n.targets.size()) + " variables");
        }
        for (std::size_t i = 0; i < n.targets.size(); ++i) assign(n.targets[i], value.seq_at(i, env_.types));
        break;
      }
      case N::SetAttribute: {
        const JValue ns = lookup(n.text);
        if (!namespace_set(*this, ns, n.attribute, eval(n.expr))) {
          fail("invalid operation: can only assign to attributes of namespaces, not to " + n.text + "." + n.attribute);
        }
        break;
      }
      case N::SetBlock: {
        std::string body;
        const Flow f = render(n.body, body);
        assign(n.text, JValue::string(std::move(body)));
        if (f != Flow::Normal) return f;
        break;
      }
      case N::Break: return Flow::Break;
      case N::Continue: return Flow::Continue;
    }
  }
  return Flow::Normal;
}

void Evaluator::bind_targets(Frame& frame, const std::vector<std::string>& targets, const JValue& item) {
  if (targets.size() == 1) {
    frame[0].value = item;
    return;
  }
  if (!item.is_sequence() || item.seq_size() != targets.size()) {
    fail("invalid operation: cannot unpack " + std::string(type_name(item)) + " into " +
         std::to_string(targets.size()) + " loop variables");
  }
  for (std::size_t i = 0; i < targets.size(); ++i) frame[i].value = item.seq_at(i, env_.types);
}

void Evaluator::run_loop(const ast::Node& n, const JValue& iterable, std::size_t depth, std::string& out) {
  if (iterable.kind() == K::None) fail("invalid operation: cannot iterate over none");
  JItems items = iterate(iterable);
  auto loop = std::make_shared<LoopObject>(&n, depth);

  frames_.emplace_back();
  Frame& frame = frames_.back();
  for (const std::string& t : n.targets) frame.push_back(Binding{t, JValue()});
  const std::size_t loop_slot = frame.size();
  frame.push_back(Binding{"loop", JValue::object(loop)});
  const std::size_t my_frame = frames_.size() - 1;

  if (n.filter.kind != ast::ExprKind::Omitted) {
    JItems kept;
    for (const JValue& item : items) {
      step();
      bind_targets(frames_[my_frame], n.targets, item);
      if (is_truthy(eval(n.filter))) kept.push_back(item);
    }
    items = std::move(kept);
  }
  loop->items = &items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    step();
    loop->index = i;
    Frame& f = frames_[my_frame];
    f.resize(loop_slot + 1);  // what the last iteration set does not carry over
    bind_targets(f, n.targets, items[i]);
    if (render(n.body, out) == Flow::Break) break;
  }
  loop->items = nullptr;
  frames_.pop_back();
  if (items.empty()) render(n.else_body, out);
}

JValue Evaluator::call_macro(const Macro& macro, std::string_view name, const CallArgs& args) {
  if (call_depth_ >= env_.limits.max_call_depth) {
    fail("template evaluation limit reached: template_string calls nested more than " +
         std::to_string(env_.limits.max_call_depth) + " deep (in " + std::string(name) + ")");
  }
  if (args.positional.size() > macro.parameters.size()) {
    fail("too many arguments: " + std::string(name) + " takes " + std::to_string(macro.parameters.size()));
  }
  Frame frame;
  frame.reserve(macro.parameters.size());
  for (std::size_t i = 0; i < macro.parameters.size(); ++i) {
    frame.push_back(Binding{macro.parameters[i], i < args.positional.size() ? args.positional[i] : JValue()});
  }
  for (const auto& [k, v] : args.named) {
    bool found = false;
    for (Binding& b : frame) {
      if (b.name == k) {
        b.value = v;
        found = true;
      }
    }
    if (!found) fail("unknown keyword argument " + std::string(k) + " in a call of " + std::string(name));
  }
  const std::size_t saved_base = base_;
  frames_.push_back(std::move(frame));
  base_ = frames_.size() - 1;
  ++call_depth_;
  std::string body;
  render(macro.body->nodes, body);  // an error abandons the whole evaluation: no unwinding needed
  --call_depth_;
  frames_.pop_back();
  base_ = saved_base;
  return JValue::string(std::move(body));
}

namespace {

// 64 random bits as hex: a fresh marker nonce (std::random_device seeds a generator per thread).
std::string fresh_nonce() {
  thread_local std::mt19937_64 generator{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                                         std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string nonce(16, '0');
  for (char& c : nonce) {
    c = kHex[bits & 0xF];
    bits >>= 4;
  }
  return nonce;
}

}  // namespace

std::string marker(char letter, std::size_t index, std::string_view nonce) {
  std::string m;
  m += kMarker;
  m += letter;
  m += std::to_string(index);
  m += ':';
  m += nonce;
  m += kMarker;
  return m;
}

RenderOutput render(const Template& tmpl, const Environment& env) {
  RenderOutput output;
  output.nonce = fresh_nonce();
  Evaluator ev(env, &output);
  ev.render(tmpl.nodes, output.text);
  return output;
}

Value evaluate(const Expression& expr, const Environment& env) {
  Evaluator ev(env, nullptr);
  return ev.to_value(ev.eval(expr.expr));
}

bool truthy(const Value& value) { return is_truthy(JValue::borrow(value, nullptr)); }

}  // namespace baml::tmpl
