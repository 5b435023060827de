#include "compiler/codegen/model.h"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

#include "compiler/codegen/names.h"

namespace bamlc::codegen {
namespace {

using K = Type::Kind;

// Gives the anonymous unions and literal enums of one place their names: `Shape_status`, then
// `Shape_status_2`, ...
struct Place {
  std::string base;
  int count = 0;
  std::string next() {
    ++count;
    return count == 1 ? base : base + "_" + std::to_string(count);
  }
};

// The array under `key`, or an empty one: by reference, since `json::value` returns a copy and
// the IR's arrays hold the whole project.
const nlohmann::json& array_at(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

class Builder {
 public:
  Builder(const nlohmann::json& ir, Model& m) : ir_(ir), m_(m) {
    types_.reserve("Client");
    types_.reserve("partial");
    types_.reserve("to_string");
    types_.reserve("from_string");
    types_.reserve("baml_ir_text");
    types_.reserve("baml_detail");
  }

  void run() {
    // Names first, so that a reference anywhere finds its target.
    for (const auto& c : array_at(ir_, "classes")) {
      Class cls;
      cls.baml = c.at("name").get<std::string>();
      cls.cpp = types_.add(cls.baml);
      class_index_[cls.baml] = static_cast<int>(m_.classes.size());
      m_.classes.push_back(std::move(cls));
    }
    for (const auto& e : array_at(ir_, "enums")) {
      Enum en;
      en.baml = e.at("name").get<std::string>();
      en.cpp = types_.add(en.baml);
      NameScope values;
      for (const auto& v : e.at("values")) {
        Named n;
        n.baml = v.at("name").get<std::string>();
        n.cpp = values.add(n.baml);
        en.values.push_back(std::move(n));
      }
      enum_index_[en.baml] = static_cast<int>(m_.enums.size());
      m_.enums.push_back(std::move(en));
    }
    for (const auto& a : array_at(ir_, "aliases")) {
      Alias al;
      al.baml = a.at("name").get<std::string>();
      al.cpp = types_.add(al.baml);
      alias_index_[al.baml] = static_cast<int>(m_.aliases.size());
      m_.aliases.push_back(std::move(al));
    }
    // Then the types.
    std::size_t ci = 0;
    for (const auto& c : array_at(ir_, "classes")) {
      Class& cls = m_.classes[ci++];
      NameScope fields;
      fields.reserve(cls.cpp);
      fields.reserve("baml_equal_");
      for (const auto& f : c.at("fields")) {
        if (f.value("skip", false)) continue;
        Field field;
        field.baml = f.at("name").get<std::string>();
        field.cpp = fields.add(field.baml);
        Place place{cls.cpp + "_" + field.cpp};
        field.type = type(f.at("type"), place);
        for (const auto& ch : array_at(f, "checks")) {
          if (!ch.value("assert", false)) field.checks.push_back(ch.at("name").get<std::string>());
        }
        for (const auto& s : array_at(f, "stream")) {
          if (s == "done") field.stream_done = true;
          if (s == "not_null") field.stream_not_null = true;
          if (s == "with_state") field.stream_with_state = true;
        }
        cls.fields.push_back(std::move(field));
      }
    }
    std::size_t ai = 0;
    for (const auto& a : array_at(ir_, "aliases")) {
      Alias& al = m_.aliases[ai];
      Place place{al.cpp};
      current_alias_ = static_cast<int>(ai);
      top_ = true;
      al.type = type(a.at("type"), place);
      current_alias_ = -1;
      ++ai;
    }
    for (const auto& f : array_at(ir_, "functions")) {
      Function fn;
      fn.baml = f.at("name").get<std::string>();
      fn.cpp = members_.add(fn.baml);
      NameScope params({"options", "runtime_", "stream", "async", "StreamClient", "AsyncClient", "Client", "baml_rt_",
                        "baml_args_", "baml_o_", "baml_on_partial_", "baml_detail"});
      for (const auto& p : f.at("parameters")) {
        Param param;
        param.baml = p.at("name").get<std::string>();
        param.cpp = params.add(param.baml);
        Place place{fn.cpp + "_" + param.cpp};
        param.type = type(p.at("type"), place);
        fn.params.push_back(std::move(param));
      }
      Place place{fn.cpp + "_Result"};
      fn.result = type(f.at("return_type"), place);
      m_.functions.push_back(std::move(fn));
    }
    find_recursive_aliases();
    order();
  }

  NameScope members_{{"Client", "stream", "async", "StreamClient", "AsyncClient", "runtime_", "baml_detail"}};

 private:
  Type prim(K k) { Type t; t.kind = k; return t; }

  // Every member of a union, nested unions flattened.
  void flatten(const nlohmann::json& t, std::vector<const nlohmann::json*>& out) {
    if (t.at("kind") == "union") {
      for (const auto& m : t.at("members")) flatten(m, out);
    } else {
      out.push_back(&t);
    }
  }

  static std::string key(const Type& t) {
    std::string k = std::to_string(static_cast<int>(t.kind)) + ":" + std::to_string(t.ref) + "(";
    for (const Type& c : t.children) k += key(c) + ",";
    return k + ")";
  }

  Type type(const nlohmann::json& t, Place& place) {
    const bool top = top_ && current_alias_ >= 0;
    top_ = false;
    const std::string kind = t.at("kind").get<std::string>();
    if (kind == "int") return prim(K::Int);
    if (kind == "float") return prim(K::Float);
    if (kind == "string") return prim(K::String);
    if (kind == "bool") return prim(K::Bool);
    if (kind == "duration") return prim(K::Duration);
    if (kind == "image") return prim(K::Image);
    if (kind == "audio") return prim(K::Audio);
    if (kind == "pdf") return prim(K::Pdf);
    if (kind == "video") return prim(K::Video);
    if (kind == "class" || kind == "enum" || kind == "alias") {
      const std::string name = t.at("name").get<std::string>();
      Type r;
      const auto& index = kind == "class" ? class_index_ : kind == "enum" ? enum_index_ : alias_index_;
      auto it = index.find(name);
      if (it == index.end()) throw std::runtime_error("codegen: unknown " + kind + " `" + name + "`");
      r.kind = kind == "class" ? K::Class : kind == "enum" ? K::Enum : K::Alias;
      r.ref = it->second;
      return r;
    }
    if (kind == "list") {
      Type r = prim(K::List);
      r.children.push_back(type(t.at("items"), place));
      return r;
    }
    if (kind == "map") {
      Type r = prim(K::Map);
      r.children.push_back(type(t.at("key"), place));
      r.children.push_back(type(t.at("value"), place));
      return r;
    }
    if (kind == "optional") return optional(type(t.at("inner"), place));
    if (kind == "null") return optional(prim(K::String));  // a lone null: an always-empty optional
    if (kind == "literal" || kind == "union") {
      std::vector<const nlohmann::json*> members;
      flatten(t, members);
      bool has_null = false;
      bool all_literal = true;
      std::vector<const nlohmann::json*> rest;
      for (const nlohmann::json* m : members) {
        if (m->at("kind") == "null") {
          has_null = true;
          continue;
        }
        if (m->at("kind") != "literal") all_literal = false;
        rest.push_back(m);
      }
      if (rest.empty()) return optional(prim(K::String));
      Type r;
      if (all_literal) {
        LiteralEnum lit;
        lit.cpp = top && !has_null ? m_.aliases[static_cast<std::size_t>(current_alias_)].cpp : types_.add(place.next());
        NameScope values;
        std::vector<nlohmann::json> seen;
        for (const nlohmann::json* m : rest) {
          const nlohmann::json& v = m->at("value");
          if (std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
          seen.push_back(v);
          std::string text = v.is_string() ? v.get<std::string>() : v.is_boolean() ? (v.get<bool>() ? "true" : "false")
                                                                                   : v.dump();
          if (v.is_number_integer() && !text.empty() && text[0] == '-') text = "minus_" + text.substr(1);
          lit.values.push_back({values.add(identifier_from(text)), v});
        }
        r.kind = K::Literal;
        r.ref = static_cast<int>(m_.literals.size());
        m_.literals.push_back(std::move(lit));
      } else {
        std::vector<Type> arms;
        std::vector<std::string> keys;
        for (const nlohmann::json* m : rest) {
          Type arm;
          if (m->at("kind") == "literal") {
            const nlohmann::json& v = m->at("value");
            arm = prim(v.is_string() ? K::String : v.is_boolean() ? K::Bool : K::Int);
          } else {
            arm = type(*m, place);
          }
          if (arm.kind == K::Optional) {  // `(A?)` as an arm: its null joins the union's
            has_null = true;
            Type inner = arm.children[0];
            arm = inner;
          }
          const std::string k = key(arm);
          if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
          keys.push_back(k);
          arms.push_back(std::move(arm));
        }
        if (arms.size() == 1) {
          r = arms[0];
        } else {
          Union u;
          const bool whole_alias = top && !has_null;
          u.cpp = whole_alias ? m_.aliases[static_cast<std::size_t>(current_alias_)].cpp : types_.add(place.next());
          if (whole_alias) u.alias = current_alias_;
          u.arms = std::move(arms);
          r.kind = K::Union;
          r.ref = static_cast<int>(m_.unions.size());
          m_.unions.push_back(std::move(u));
        }
      }
      return has_null ? optional(std::move(r)) : r;
    }
    throw std::runtime_error("codegen: unsupported type kind `" + kind + "`");
  }

  Type optional(Type inner) {
    if (inner.kind == K::Optional) return inner;
    Type r = prim(K::Optional);
    r.children.push_back(std::move(inner));
    return r;
  }

  // An alias is recursive when its type reaches itself through aliases and unions (a class in
  // between breaks the cycle: classes are nominal).
  void find_recursive_aliases() {
    for (std::size_t a = 0; a < m_.aliases.size(); ++a) {
      std::vector<bool> seen(m_.aliases.size(), false);
      std::vector<bool> seen_u(m_.unions.size(), false);
      bool found = false;
      std::function<void(const Type&)> walk = [&](const Type& t) {
        if (found) return;
        if (t.kind == K::Alias) {
          if (static_cast<std::size_t>(t.ref) == a) {
            found = true;
            return;
          }
          if (seen[static_cast<std::size_t>(t.ref)]) return;
          seen[static_cast<std::size_t>(t.ref)] = true;
          walk(m_.aliases[static_cast<std::size_t>(t.ref)].type);
        } else if (t.kind == K::Union) {
          if (seen_u[static_cast<std::size_t>(t.ref)]) return;
          seen_u[static_cast<std::size_t>(t.ref)] = true;
          for (const Type& arm : m_.unions[static_cast<std::size_t>(t.ref)].arms) walk(arm);
        }
        for (const Type& c : t.children) walk(c);
      };
      walk(m_.aliases[a].type);
      m_.aliases[a].recursive = found;
      // A recursive alias is a struct whose member holds the union: the union is its own using.
      if (found && m_.aliases[a].type.kind == K::Union) {
        Union& u = m_.unions[static_cast<std::size_t>(m_.aliases[a].type.ref)];
        if (u.alias == static_cast<int>(a)) {
          u.alias = -1;
          u.cpp = types_.add(m_.aliases[a].cpp + "_value");
        }
      }
    }
  }

  // The node a type reference points at (a union that is an alias's whole type is that alias).
  bool node_of(const Type& t, Node& out) const {
    if (t.kind == K::Class) out = {Node::Kind::Class, t.ref};
    else if (t.kind == K::Alias) out = {Node::Kind::Alias, t.ref};
    else if (t.kind == K::Union) {
      const Union& u = m_.unions[static_cast<std::size_t>(t.ref)];
      out = u.alias >= 0 ? Node{Node::Kind::Alias, u.alias} : Node{Node::Kind::Union, t.ref};
    } else return false;
    return true;
  }

  void edges_of(const Type& t, std::vector<Node>& out) const {
    Node n{};
    if (node_of(t, n)) out.push_back(n);
    for (const Type& c : t.children) edges_of(c, out);
  }

  std::vector<Node> edges(Node n) const {
    std::vector<Node> out;
    switch (n.kind) {
      case Node::Kind::Class:
        for (const Field& f : m_.classes[static_cast<std::size_t>(n.index)].fields) edges_of(f.type, out);
        break;
      case Node::Kind::Alias: {
        const Type& t = m_.aliases[static_cast<std::size_t>(n.index)].type;
        if (t.kind == K::Union && m_.unions[static_cast<std::size_t>(t.ref)].alias == n.index) {
          for (const Type& arm : m_.unions[static_cast<std::size_t>(t.ref)].arms) edges_of(arm, out);
        } else {
          edges_of(t, out);
        }
        break;
      }
      case Node::Kind::Union:
        for (const Type& arm : m_.unions[static_cast<std::size_t>(n.index)].arms) edges_of(arm, out);
        break;
    }
    return out;
  }

  bool is_struct(Node n) const {
    return n.kind == Node::Kind::Class || (n.kind == Node::Kind::Alias && m_.aliases[static_cast<std::size_t>(n.index)].recursive);
  }

  // Tarjan's algorithm, roots in declaration order: components come out dependencies first.
  void order() {
    std::vector<Node> nodes;
    for (std::size_t i = 0; i < m_.classes.size(); ++i) nodes.push_back({Node::Kind::Class, static_cast<int>(i)});
    for (std::size_t i = 0; i < m_.aliases.size(); ++i) nodes.push_back({Node::Kind::Alias, static_cast<int>(i)});
    for (std::size_t i = 0; i < m_.unions.size(); ++i) {
      if (m_.unions[i].alias < 0) nodes.push_back({Node::Kind::Union, static_cast<int>(i)});
    }
    const std::size_t total = m_.classes.size() + m_.aliases.size() + m_.unions.size();
    m_.component.assign(total, -1);
    std::vector<int> index(total, -1), low(total, 0);
    std::vector<bool> on_stack(total, false);
    std::vector<Node> stack;
    int counter = 0;
    std::vector<std::vector<Node>> components;
    std::function<void(Node)> connect = [&](Node v) {
      const auto vi = static_cast<std::size_t>(m_.node_id(v));
      index[vi] = low[vi] = counter++;
      stack.push_back(v);
      on_stack[vi] = true;
      for (Node w : edges(v)) {
        const auto wi = static_cast<std::size_t>(m_.node_id(w));
        if (index[wi] < 0) {
          connect(w);
          low[vi] = std::min(low[vi], low[wi]);
        } else if (on_stack[wi]) {
          low[vi] = std::min(low[vi], index[wi]);
        }
      }
      if (low[vi] == index[vi]) {
        std::vector<Node> comp;
        Node w{};
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[static_cast<std::size_t>(m_.node_id(w))] = false;
          comp.push_back(w);
        } while (!(w == v));
        components.push_back(std::move(comp));
      }
    };
    for (Node n : nodes) {
      if (index[static_cast<std::size_t>(m_.node_id(n))] < 0) connect(n);
    }
    for (std::size_t c = 0; c < components.size(); ++c) {
      std::vector<Node>& comp = components[c];
      bool cyc = comp.size() > 1;
      for (Node n : comp) {
        m_.component[static_cast<std::size_t>(m_.node_id(n))] = static_cast<int>(c);
        for (Node w : edges(n)) cyc = cyc || w == n;
      }
      m_.cyclic.push_back(cyc);
      // Declaration order inside a component: usings first (ordered among themselves), then structs.
      std::sort(comp.begin(), comp.end(), [&](Node a, Node b) { return m_.node_id(a) < m_.node_id(b); });
      std::vector<Node> usings, structs;
      for (Node n : comp) (is_struct(n) ? structs : usings).push_back(n);
      std::vector<Node> placed;
      std::function<void(Node)> place = [&](Node n) {
        if (std::find(placed.begin(), placed.end(), n) != placed.end()) return;
        placed.push_back(n);
        for (Node w : edges(n)) {
          if (std::find(usings.begin(), usings.end(), w) != usings.end()) place(w);
        }
        m_.order.push_back(n);
      };
      for (Node n : usings) place(n);
      for (Node n : structs) m_.order.push_back(n);
    }
  }

  const nlohmann::json& ir_;
  Model& m_;
  NameScope types_;
  std::map<std::string, int> class_index_, enum_index_, alias_index_;
  int current_alias_ = -1;
  bool top_ = false;
};

}  // namespace

int Model::node_id(Node n) const {
  switch (n.kind) {
    case Node::Kind::Class: return n.index;
    case Node::Kind::Alias: return static_cast<int>(classes.size()) + n.index;
    case Node::Kind::Union: return static_cast<int>(classes.size() + aliases.size()) + n.index;
  }
  return 0;
}

bool Model::boxed(Node owner, Node target) const {
  const bool target_struct =
      target.kind == Node::Kind::Class || (target.kind == Node::Kind::Alias && aliases[static_cast<std::size_t>(target.index)].recursive);
  if (!target_struct) return false;
  const int a = component[static_cast<std::size_t>(node_id(owner))];
  const int b = component[static_cast<std::size_t>(node_id(target))];
  return a == b && a >= 0 && cyclic[static_cast<std::size_t>(a)];
}

bool Model::alias_is_literal(int alias) const {
  const Alias& a = aliases[static_cast<std::size_t>(alias)];
  return a.type.kind == Type::Kind::Literal && literals[static_cast<std::size_t>(a.type.ref)].cpp == a.cpp;
}

Model build_model(const nlohmann::json& ir, const std::string& ns) {
  Model m;
  m.ns = ns;
  Builder b(ir, m);
  b.run();
  return m;
}

}  // namespace bamlc::codegen
