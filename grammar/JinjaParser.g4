// The syntax of BAML prompt templates (a minijinja subset). A template is a flat sequence of
// text, comments and tags; which tag opens or closes which block (`if`/`elif`/`else`/`endif`,
// `for`/`endfor`, `set`/`endset`) is matched by the AST builder, so that an unclosed block is
// reported at its opening tag and one bad tag costs one diagnostic.
parser grammar JinjaParser;

options { tokenVocab = JinjaLexer; }

document : element* EOF ;

element
  : TEXT                                  # textElement
  | RAW_BLOCK                             # rawElement
  | COMMENT                               # commentElement
  | EXPR_OPEN expression EXPR_CLOSE       # outputElement
  | STMT_OPEN statement STMT_CLOSE        # statementElement
  // What is left of a tag that was already reported as broken: taking it here lets the parser
  // go on with the rest of the template instead of giving up at the top level.
  | ~( TEXT | RAW_BLOCK | COMMENT | EXPR_OPEN | STMT_OPEN )  # strayElement
  ;

// A @check/@assert expression, or anything else that is one expression without delimiters.
standaloneExpression : expression EOF ;

statement
  : IF expression                                                       # ifStatement
  | ELIF expression                                                     # elifStatement
  | ELSE                                                                # elseStatement
  | ENDIF                                                               # endifStatement
  | FOR loopTargets IN operation ( IF expression )? RECURSIVE?          # forStatement
  | ENDFOR                                                              # endforStatement
  | SET assignTarget ASSIGN expression                                  # setStatement
  | SET assignTarget                                                    # setBlockStatement
  | ENDSET                                                              # endsetStatement
  | BREAK                                                               # breakStatement
  | CONTINUE                                                            # continueStatement
  // macro, call, include, with, ...: parsed loosely so the builder can name what is unsupported.
  | NAME ( ~( STMT_CLOSE | EXPR_CLOSE | STMT_OPEN | EXPR_OPEN ) )*        # otherStatement
  ;

// `for x in xs`, `for k, v in m.items()`, `for (k, v) in ...`.
loopTargets
  : NAME ( COMMA NAME )* COMMA?
  | LPAREN NAME ( COMMA NAME )* COMMA? RPAREN
  ;

// `set x = ...`, `set ns.count = ...` on a namespace(), or `set a, b = pair` (unpacking, also
// written `set (a, b) = pair`).
assignTarget
  : NAME ( DOT NAME )?
  | NAME ( COMMA NAME )+ COMMA?
  | LPAREN NAME ( COMMA NAME )* COMMA? RPAREN
  ;

// Precedence from loosest to tightest follows minijinja: conditional, or, and, not,
// comparisons and `in`, + -, ~, * / // %, **, unary - +, then postfix access, calls, filters
// and tests. The conditional is a rule of its own because a `for` loop's iterable may not be
// one: in `for x in xs if x.ok` the `if` filters the loop.
expression : operation ( IF operation ( ELSE expression )? )? ;

// ANTLR gives alternatives listed earlier the tighter binding.
operation
  : primary                                                         # primaryOperation
  // A sign binds tighter than everything after it, as in minijinja: `-1|abs` is 1, `-x.y` is (-x).y.
  | <assoc = right> op = ( MINUS | PLUS ) operation                 # unaryOperation
  | operation DOT ( name | INT )                                    # attributeOperation
  | operation LBRACK subscript RBRACK                               # indexOperation
  | operation LPAREN arguments? RPAREN                              # callOperation
  | operation PIPE name ( LPAREN arguments? RPAREN )?               # filterOperation
  | operation IS NOT? name ( LPAREN arguments? RPAREN | testArgument )?  # testOperation
  // `**` groups from the left, as in minijinja: `2 ** 3 ** 2` is 64.
  | operation op = POWER operation                                  # binaryOperation
  | operation op = ( STAR | SLASH | FLOOR_DIV | PERCENT ) operation  # binaryOperation
  | operation op = TILDE operation                                  # binaryOperation
  | operation op = ( PLUS | MINUS ) operation                       # binaryOperation
  | operation ( op = ( EQ | NE | LT | LE | GT | GE | IN ) | negated = NOT op = IN ) operation  # binaryOperation
  | op = NOT operation                                              # unaryOperation
  | operation op = AND operation                                    # binaryOperation
  | operation op = OR operation                                     # binaryOperation
  ;

// `x is divisibleby 3`, `x is in ["a", "b"]`: a test takes one primary expression without
// parentheses (with them it is the argument list).
testArgument : literal | NAME | primary ;

primary
  : literal                                                          # literalPrimary
  | NAME                                                             # namePrimary
  | LPAREN expression RPAREN                                         # parenPrimary
  | LPAREN ( expression COMMA ( expression ( COMMA expression )* COMMA? )? )? RPAREN  # tuplePrimary
  | LBRACK ( expression ( COMMA expression )* COMMA? )? RBRACK        # listPrimary
  | LBRACE ( dictEntry ( COMMA dictEntry )* COMMA? )? RBRACE          # dictPrimary
  ;

literal : STRING+ | UNTERMINATED_STRING | INT | FLOAT | TRUE | FALSE | NONE ;

dictEntry : expression COLON expression ;

subscript
  : expression                                                       # indexSubscript
  | start = expression? COLON stop = expression? ( COLON step = expression? )?  # sliceSubscript
  ;

arguments : argument ( COMMA argument )* COMMA? ;
argument : name ASSIGN expression | expression ;

// Attribute, filter, test and keyword-argument names may be words the expression syntax
// reserves: `x is none`, `loop.first`, `d.items()`.
name
  : NAME | AND | OR | NOT | IN | IS | IF | ELIF | ELSE | ENDIF | FOR | ENDFOR | SET | ENDSET
  | BREAK | CONTINUE | RECURSIVE | TRUE | FALSE | NONE
  ;
