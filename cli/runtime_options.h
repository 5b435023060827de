// What the commands that call a model (call, run, test) share about the runtime they create.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include <baml/runtime.h>

namespace bamlc::cli {

// --ca-bundle FILE: the CA certificates to verify servers with instead of SSL_CERT_FILE or the
// system's store (docs/runtime.md, "TLS"). A file that does not exist is a usage error.
inline void add_ca_bundle_option(CLI::App& cmd, std::string& ca_bundle) {
  cmd.add_option("--ca-bundle", ca_bundle,
                 "Verify servers against the CA certificates in this PEM file (default: SSL_CERT_FILE, else the "
                 "system's store)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
}

inline baml::RuntimeOptions runtime_options(const std::string& ca_bundle) {
  baml::RuntimeOptions options;
  options.ca_bundle = ca_bundle;
  return options;
}

}  // namespace bamlc::cli
