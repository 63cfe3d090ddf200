#include "x509/pem.hpp"

#include <string>

#include <bearssl.h>

namespace tlsscope {
namespace {

void collect(void* ctx, const void* data, size_t len) {
  auto* out = static_cast<Bytes*>(ctx);
  auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + len);
}

}  // namespace

std::vector<Bytes> pem_objects(std::string_view text, std::string_view label, bool* malformed) {
  if (malformed) *malformed = false;
  std::vector<Bytes> out;
  br_pem_decoder_context pc;
  br_pem_decoder_init(&pc);
  Bytes current;
  bool wanted = false;
  std::string buf(text);
  buf += "\n";  // the decoder needs a newline after the last END line
  const char* p = buf.data();
  std::size_t left = buf.size();
  while (left > 0) {
    std::size_t n = br_pem_decoder_push(&pc, p, left);
    p += n;
    left -= n;
    switch (br_pem_decoder_event(&pc)) {
      case BR_PEM_BEGIN_OBJ:
        wanted = std::string_view(br_pem_decoder_name(&pc)) == label;
        current.clear();
        br_pem_decoder_setdest(&pc, wanted ? collect : nullptr, &current);
        break;
      case BR_PEM_END_OBJ:
        if (wanted) out.push_back(std::move(current));
        wanted = false;
        break;
      case BR_PEM_ERROR:
        if (malformed) *malformed = true;
        return out;
      default:
        break;
    }
  }
  return out;
}

}  // namespace tlsscope
