// The runtime's version, for the guard of generated code (CODEGEN.md): a generated file says
// `#if BAML_RUNTIME_VERSION != N` `#error`, and links against `baml::version_0_1_0()`, which only
// a library of the same version defines.
#pragma once

#define BAML_RUNTIME_VERSION_MAJOR 0
#define BAML_RUNTIME_VERSION_MINOR 1
#define BAML_RUNTIME_VERSION_PATCH 0
// major * 10000 + minor * 100 + patch
#define BAML_RUNTIME_VERSION 100

namespace baml {
// Defined by the runtime library; generated code refers to it, so headers and a library of
// different versions fail to link.
int version_0_1_0() noexcept;
}  // namespace baml
