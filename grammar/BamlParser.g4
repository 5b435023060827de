// The syntax of BAML v0 plus duration literals. Values and types are kept general here;
// which keys a block takes and what their values mean is decided by semantic analysis.
// Prompt text stays raw; templates have a grammar of their own.
parser grammar BamlParser;

options { tokenVocab = BamlLexer; }

@parser::header {
#include <algorithm>
}

@parser::members {
  // BAML writes a key and its value (a field and its type) on one line. Checking that lets a
  // missing value be reported as such instead of swallowing the next line's key.
  bool on_same_line() {
    antlr4::Token* prev = _input->LT(-1);
    antlr4::Token* next = _input->LT(1);
    if (prev == nullptr || next == nullptr || next->getType() == antlr4::Token::EOF) return false;
    // The previous token is always a key or a name here, never a multi-line raw string.
    return next->getLine() == prev->getLine();
  }

  // The next token starts on a line after the one where the previous token ends (a raw string
  // may span lines).
  bool on_new_line() {
    antlr4::Token* prev = _input->LT(-1);
    antlr4::Token* next = _input->LT(1);
    if (prev == nullptr || next == nullptr || next->getType() == antlr4::Token::EOF) return false;
    const std::string text = prev->getText();
    const auto breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    return next->getLine() > prev->getLine() + breaks;
  }

  // Characters the lexer has no token for (`-`, `.`, `$`, `%`, ...) between the previous token
  // and the next one, on the previous token's line: they begin an unquoted string (`-abc`,
  // `.5`, `$5 & 10% off`), so what follows them is part of it.
  bool stray_text_follows() {
    antlr4::Token* prev = _input->LT(-1);
    auto* stream = dynamic_cast<antlr4::BufferedTokenStream*>(_input);
    if (prev == nullptr || stream == nullptr) return false;
    for (antlr4::Token* hidden : stream->getHiddenTokensToRight(prev->getTokenIndex())) {
      if (hidden->getType() == ERROR_CHAR && hidden->getLine() == prev->getLine()) return true;
    }
    return false;
  }

  // A number is a value of its own (BAML tries numbers before strings) unless it is signed with
  // `+` or follows stray characters: BAML reads `+500` and `.5` as text.
  bool number_value() {
    return !stray_text_follows() && _input->LT(1)->getText().rfind('+', 0) != 0;
  }

  // An unquoted string runs to the end of its line, as in BAML (`@description(the name of the
  // dish)`, `x hello world`), except that a name followed on its line by `{`, `[` or a raw
  // string starts the next entry: BAML rejects such a line, and bamlc reads it as its compact
  // layout (`provider fallback options { ... }`).
  bool continues_unquoted() {
    if (!on_same_line()) return false;
    switch (_input->LA(1)) {
      case WORD: case URL: case CLASS: case ENUM: case FUNCTION: case CLIENT: case RETRY_POLICY:
      case TEMPLATE_STRING: case TEST: case GENERATOR: case TYPE: case TYPE_BUILDER: case DYNAMIC: {
        antlr4::Token* after = _input->LT(2);
        if (after->getLine() != _input->LT(1)->getLine()) return true;
        switch (after->getType()) {
          case LBRACE: case LBRACK: case RAW_STRING_1: case RAW_STRING_2: case RAW_STRING_3:
          case RAW_STRING_4: case RAW_STRING_5:
            return false;
          default:
            return true;
        }
      }
      default:
        return true;
    }
  }

  // A declaration's first line at the start of a line (a keyword, a name, then `{` or a
  // parameter list's `(`) starts a new top-level declaration: a block that reaches one was left
  // unclosed, and stopping there keeps that mistake to one diagnostic. Without the `{` or `(`
  // it is an entry that happens to start at column 0 (`retry_policy R` in a client, as BAML
  // reads it).
  bool starts_declaration() {
    antlr4::Token* t = _input->LT(1);
    if (t->getCharPositionInLine() != 0) return false;
    const bool named = _input->LA(2) == WORD || _input->LA(2) == CLASS || _input->LA(2) == ENUM;
    switch (t->getType()) {
      case CLASS: case ENUM: case RETRY_POLICY: case TEST: case GENERATOR:
        return named && (_input->LA(3) == LBRACE || _input->LA(3) == LPAREN);
      case FUNCTION: case TEMPLATE_STRING:
        return named && _input->LA(3) == LPAREN;
      case DYNAMIC:
        return named;
      case CLIENT:
        return _input->LA(2) == LT;
      case TYPE:
        return _input->LA(3) == EQUALS;
      default:
        return false;
    }
  }
}

project : declaration* EOF ;

declaration
  : classDecl
  | enumDecl
  | functionDecl
  | clientDecl
  | retryPolicyDecl
  | templateStringDecl
  | testDecl
  | generatorDecl
  | typeAliasDecl
  ;

// baml-cli accepts, and ignores, a parameter list after the name of a block that takes none
// (`test Greets() {`, `class Point(x: int) {`); the AST builder warns about it.
ignoredParameters : LPAREN parameterList? RPAREN ;

classDecl : DYNAMIC? CLASS identifier ignoredParameters? LBRACE classMember* RBRACE ;
classMember : {!starts_declaration()}? ( field | blockAttribute ) ;
field : identifier ( {on_same_line()}? typeExpr )? attribute* ;

enumDecl : DYNAMIC? ENUM identifier ignoredParameters? LBRACE enumMember* RBRACE ;
enumMember : {!starts_declaration()}? ( enumValue | blockAttribute ) ;
enumValue : identifier attribute* ;

// The return type may carry attributes, as in `-> int @check(small, {{ this < 10 }})`.
// The `->` may be left out, as BAML allows: `function F(x: string) Answer {`. An entry of the
// body may carry attributes, which baml-cli accepts and ignores (`client "openai/gpt-4o"
// @description("x")`); the checker warns about them.
functionDecl : FUNCTION identifier LPAREN parameterList? RPAREN ARROW? typeExpr attribute* LBRACE functionEntry* RBRACE ;
functionEntry : {!starts_declaration()}? entry attribute* ;
parameterList : parameter ( COMMA parameter )* COMMA? ;
parameter : identifier COLON typeExpr attribute* ;

clientDecl : CLIENT ( LT identifier GT )? identifier ignoredParameters? LBRACE bodyEntry* RBRACE ;
retryPolicyDecl : RETRY_POLICY identifier ignoredParameters? LBRACE bodyEntry* RBRACE ;
generatorDecl : GENERATOR identifier ignoredParameters? LBRACE bodyEntry* RBRACE ;
templateStringDecl : TEMPLATE_STRING identifier ( LPAREN parameterList? RPAREN )? rawString ;

testDecl : TEST identifier ignoredParameters? LBRACE testMember* RBRACE ;
testMember : {!starts_declaration()}? ( typeBuilderBlock | blockAttribute | entry ) ;
typeBuilderBlock : TYPE_BUILDER LBRACE typeBuilderMember* RBRACE ;
typeBuilderMember : classDecl | enumDecl | typeAliasDecl | dynamicExtension ;
// BAML's `dynamic Name { ... }`: extends a @@dynamic class (members with types) or enum
// (bare values); the AST builder tells which from the members.
dynamicExtension : DYNAMIC identifier LBRACE classMember* RBRACE ;

typeAliasDecl : TYPE identifier EQUALS typeExpr attribute* ;

// An entry of a declaration's body; stops at a declaration keyword (see starts_declaration).
bodyEntry : {!starts_declaration()}? entry ;

// `key value` or, as in BAML's maps, `key: value`; the value must start on the key's line (see
// on_same_line), or be only text the lexer has no token for (`x -`).
entry : key COLON? entryValue ;
// Empty when the key has no value on its line; the AST builder then looks for text the lexer
// has no token for (`x -`), and reports a missing value when there is none.
entryValue : {on_same_line()}? value | ;
key : identifier | STRING ;

value
  : {number_value()}? NUMBER
  | {!stray_text_follows()}? NUMBER_WITH_SUFFIX
  | STRING
  | UNTERMINATED_STRING
  | rawString
  | mapValue
  | listValue
  | unquotedString
  ;
// BAML's unquoted string: everything up to the end of the line or one of `# @ { } ( ) [ ] < > ,`
// (see continues_unquoted). A single name (`openai`, `env.KEY`) is the common case. The AST
// builder takes the text from the source, with the characters the lexer has no token for.
unquotedString
  : {stray_text_follows() && on_same_line()}? unquotedToken ( {continues_unquoted()}? unquotedToken )*
  | unquotedStart ( {continues_unquoted()}? unquotedToken )*
  ;
unquotedStart : identifier | URL | NUMBER | COLON | PIPE | QUESTION | EQUALS ;
unquotedToken
  : identifier | URL | NUMBER | NUMBER_WITH_SUFFIX | COLON | PIPE | QUESTION | EQUALS | STRING | UNTERMINATED_STRING ;
// Entries are separated by line breaks or, as in BAML, by commas.
mapValue : LBRACE ( entry COMMA? )* RBRACE ;
// Items are separated by commas, or by line breaks alone (BAML accepts both; it rejects two items
// on one line without a comma, `["a" "b"]`). On one line, an item without a comma may only be a
// map or a list (a name and a block read as two items, which recovery uses). Without the
// predicate every word of `[a b c ...]` could also start an item, and a file with a syntax error,
// parsed again in full-LL mode, took time in the square of the words on such a line (found by
// fuzzing).
listValue : LBRACK ( value ( ( COMMA | {on_new_line() || _input->LA(1) == LBRACE || _input->LA(1) == LBRACK}? ) value )* COMMA? )? RBRACK ;

rawString : RAW_STRING_1 | RAW_STRING_2 | RAW_STRING_3 | RAW_STRING_4 | RAW_STRING_5 ;

attribute : AT attributeName attributeArgs? ;
blockAttribute : ATAT attributeName attributeArgs? ;
attributeName : identifier ;
attributeArgs : LPAREN ( attributeArg ( COMMA attributeArg )* COMMA? )? RPAREN ;
attributeArg : JINJA_EXPR | value ;

// Types: unions of postfix types; `map<K, V>`, grouping with attributes, literal types.
// A union member may carry attributes of its own before the next `|` (`int @stream.done |
// string`), as if grouped; attributes after the last member belong to what the type is of.
typeExpr : PIPE? unionMember ( memberAttributes PIPE unionMember )* ;
memberAttributes : attribute* ;
unionMember : primaryType typeSuffix* ;
typeSuffix : LBRACK RBRACK | QUESTION ;
primaryType
  : mapType
  | LPAREN typeExpr attribute* RPAREN
  | identifier
  | STRING
  | NUMBER
  ;
mapType : identifier LT typeExpr COMMA typeExpr GT ;

identifier
  : WORD | CLASS | ENUM | FUNCTION | CLIENT | RETRY_POLICY | TEMPLATE_STRING | TEST
  | GENERATOR | TYPE | DYNAMIC
  ;
