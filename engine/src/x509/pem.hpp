// PEM decoding (RFC 7468: base64 between BEGIN and END lines).
#pragma once
#include <string_view>
#include <vector>

#include "tlsscope/bytes.hpp"

namespace tlsscope {

/// The DER of every PEM object in `text` whose label is `label` (e.g. "CERTIFICATE"). Stops at
/// the first malformed object and sets `malformed`, if given.
std::vector<Bytes> pem_objects(std::string_view text, std::string_view label,
                               bool* malformed = nullptr);

}  // namespace tlsscope
