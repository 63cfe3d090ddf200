#include "crypto/hash.hpp"

namespace tlsscope {

const br_hash_class* hash_class(Hash h) {
  switch (h) {
    case Hash::sha1: return &br_sha1_vtable;
    case Hash::sha256: return &br_sha256_vtable;
    case Hash::sha384: return &br_sha384_vtable;
    case Hash::sha512: return &br_sha512_vtable;
  }
  return &br_sha256_vtable;
}

Bytes digest(Hash h, ByteView data) {
  br_hash_compat_context ctx;
  const br_hash_class* vt = hash_class(h);
  vt->init(&ctx.vtable);
  vt->update(&ctx.vtable, data.data(), data.size());
  Bytes out(hash_len(h));
  vt->out(&ctx.vtable, out.data());
  return out;
}

}  // namespace tlsscope
