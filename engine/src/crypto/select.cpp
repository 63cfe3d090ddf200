#include "crypto/select.hpp"

namespace tlsscope {

#if defined(__wasm__)
br_rsa_public rsa_public() { return &br_rsa_i31_public; }
br_rsa_pkcs1_vrfy rsa_pkcs1_vrfy() { return &br_rsa_i31_pkcs1_vrfy; }
br_poly1305_run poly1305() { return &br_poly1305_ctmul_run; }
#else
br_rsa_public rsa_public() {
  br_rsa_public p = br_rsa_i62_public_get();
  return p ? p : &br_rsa_i31_public;
}
br_rsa_pkcs1_vrfy rsa_pkcs1_vrfy() {
  br_rsa_pkcs1_vrfy p = br_rsa_i62_pkcs1_vrfy_get();
  return p ? p : &br_rsa_i31_pkcs1_vrfy;
}
br_poly1305_run poly1305() {
  br_poly1305_run p = br_poly1305_ctmulq_get();
  return p ? p : &br_poly1305_ctmul_run;
}
#endif

}  // namespace tlsscope
