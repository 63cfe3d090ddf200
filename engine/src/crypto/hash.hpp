// Hashes over BearSSL.
#pragma once
#include <bearssl.h>

#include "tables/suites.hpp"
#include "tlsscope/bytes.hpp"

namespace tlsscope {

const br_hash_class* hash_class(Hash h);
Bytes digest(Hash h, ByteView data);

}  // namespace tlsscope
