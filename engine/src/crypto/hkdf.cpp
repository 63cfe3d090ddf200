#include "crypto/hkdf.hpp"

#include <bearssl.h>

#include "codec/writer.hpp"
#include "crypto/hash.hpp"

namespace tlsscope {

Bytes hmac(Hash h, ByteView key, ByteView data) {
  br_hmac_key_context kc;
  br_hmac_key_init(&kc, hash_class(h), key.data(), key.size());
  br_hmac_context ctx;
  br_hmac_init(&ctx, &kc, 0);
  br_hmac_update(&ctx, data.data(), data.size());
  Bytes out(hash_len(h));
  br_hmac_out(&ctx, out.data());
  return out;
}

Bytes hkdf_extract(Hash h, ByteView salt, ByteView ikm) {
  Bytes zeros(hash_len(h), 0);  // RFC 5869 §2.2: an absent salt is HashLen zeros
  return hmac(h, salt.empty() ? ByteView(zeros) : salt, ikm);
}

Bytes hkdf_expand(Hash h, ByteView prk, ByteView info, std::size_t len) {
  if (len > 255 * hash_len(h)) return {};  // RFC 5869 §2.3: L <= 255 * HashLen
  Bytes out, t;
  for (std::uint8_t i = 1; out.size() < len; ++i) {  // T(i) = HMAC(PRK, T(i-1) | info | i)
    Bytes block(t);
    block.insert(block.end(), info.begin(), info.end());
    block.push_back(i);
    t = hmac(h, prk, block);
    out.insert(out.end(), t.begin(), t.end());
  }
  out.resize(len);
  return out;
}

Bytes hkdf_expand_label(Hash h, ByteView secret, std::string_view label, ByteView context,
                        std::size_t len) {
  Writer w;
  w.u16(static_cast<std::uint16_t>(len));
  auto l = w.open(1);
  w.bytes(as_bytes("tls13 "));
  w.bytes(as_bytes(label));
  w.close(l);
  auto c = w.open(1);
  w.bytes(context);
  w.close(c);
  return hkdf_expand(h, secret, w.data(), len);
}

}  // namespace tlsscope
