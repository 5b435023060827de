// The syntax of BAML v0 plus duration literals. Values and types are kept general here;
// which keys a block takes and what their values mean is decided by semantic analysis.
// Prompt text stays raw; templates have a grammar of their own.
parser grammar BamlParser;

options { tokenVocab = BamlLexer; }

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

  // A declaration keyword at the start of a line followed by a name starts a new top-level
  // declaration: a block that reaches one was left unclosed, and stopping there keeps that
  // mistake to one diagnostic.
  bool starts_declaration() {
    antlr4::Token* t = _input->LT(1);
    if (t->getCharPositionInLine() != 0) return false;
    switch (t->getType()) {
      case CLASS: case ENUM: case FUNCTION:
      case RETRY_POLICY: case TEMPLATE_STRING: case TEST:
      case GENERATOR: case DYNAMIC:
        return _input->LA(2) == WORD || _input->LA(2) == CLASS || _input->LA(2) == ENUM;
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

classDecl : DYNAMIC? CLASS identifier LBRACE classMember* RBRACE ;
classMember : {!starts_declaration()}? ( field | blockAttribute ) ;
field : identifier ( {on_same_line()}? typeExpr )? attribute* ;

enumDecl : DYNAMIC? ENUM identifier LBRACE enumMember* RBRACE ;
enumMember : {!starts_declaration()}? ( enumValue | blockAttribute ) ;
enumValue : identifier attribute* ;

// The return type may carry attributes, as in `-> int @check(small, {{ this < 10 }})`.
functionDecl : FUNCTION identifier LPAREN parameterList? RPAREN ARROW typeExpr attribute* LBRACE bodyEntry* RBRACE ;
parameterList : parameter ( COMMA parameter )* COMMA? ;
parameter : identifier COLON typeExpr attribute* ;

clientDecl : CLIENT ( LT identifier GT )? identifier LBRACE bodyEntry* RBRACE ;
retryPolicyDecl : RETRY_POLICY identifier LBRACE bodyEntry* RBRACE ;
generatorDecl : GENERATOR identifier LBRACE bodyEntry* RBRACE ;
templateStringDecl : TEMPLATE_STRING identifier ( LPAREN parameterList? RPAREN )? rawString ;

testDecl : TEST identifier LBRACE testMember* RBRACE ;
testMember : {!starts_declaration()}? ( typeBuilderBlock | blockAttribute | entry ) ;
typeBuilderBlock : TYPE_BUILDER LBRACE typeBuilderMember* RBRACE ;
typeBuilderMember : classDecl | enumDecl | typeAliasDecl | dynamicExtension ;
// BAML's `dynamic Name { ... }`: extends a @@dynamic class (members with types) or enum
// (bare values); the AST builder tells which from the members.
dynamicExtension : DYNAMIC identifier LBRACE classMember* RBRACE ;

typeAliasDecl : TYPE identifier EQUALS typeExpr attribute* ;

// An entry of a declaration's body; stops at a declaration keyword (see starts_declaration).
bodyEntry : {!starts_declaration()}? entry ;

// `key value`; the value must start on the key's line (see on_same_line).
entry : key ( {on_same_line()}? value )? ;
key : identifier | STRING ;

value
  : STRING
  | UNTERMINATED_STRING
  | rawString
  | NUMBER
  | NUMBER_WITH_SUFFIX
  | identifier
  | mapValue
  | listValue
  ;
mapValue : LBRACE entry* RBRACE ;
// Items are separated by commas, or by line breaks alone (BAML accepts both).
listValue : LBRACK ( value ( COMMA? value )* COMMA? )? RBRACK ;

rawString : RAW_STRING_1 | RAW_STRING_2 | RAW_STRING_3 | RAW_STRING_4 | RAW_STRING_5 ;

attribute : AT attributeName attributeArgs? ;
blockAttribute : ATAT attributeName attributeArgs? ;
attributeName : identifier ;
attributeArgs : LPAREN ( attributeArg ( COMMA attributeArg )* COMMA? )? RPAREN ;
attributeArg : JINJA_EXPR | value ;

// Types: unions of postfix types; `map<K, V>`, grouping with attributes, literal types.
typeExpr : PIPE? unionMember ( PIPE unionMember )* ;
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
