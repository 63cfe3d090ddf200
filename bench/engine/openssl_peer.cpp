#include "openssl_peer.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>

namespace tlsscope::bench {

struct OpensslClient::Ctx {
  SSL_CTX* ctx = nullptr;
};

OpensslClient::OpensslClient(std::uint16_t version, const std::string& ca_file)
    : ctx_(std::make_unique<Ctx>()) {
  SSL_CTX* c = SSL_CTX_new(TLS_client_method());
  const int v = version == 0x0304 ? TLS1_3_VERSION : TLS1_2_VERSION;
  SSL_CTX_set_min_proto_version(c, v);
  SSL_CTX_set_max_proto_version(c, v);
  SSL_CTX_set_cipher_list(c, "ECDHE-RSA-AES128-GCM-SHA256");
  SSL_CTX_set_ciphersuites(c, "TLS_AES_128_GCM_SHA256");
  SSL_CTX_set1_groups_list(c, "X25519");
  SSL_CTX_set_verify(c, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_load_verify_locations(c, ca_file.c_str(), nullptr);
  // No session cache: every handshake is a full one, as the engine's are.
  SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(c, SSL_OP_NO_TICKET);
  ctx_->ctx = c;
}

OpensslClient::~OpensslClient() { SSL_CTX_free(ctx_->ctx); }

bool OpensslClient::handshake(int fd, const std::string& server_name) {
  SSL* ssl = SSL_new(ctx_->ctx);
  SSL_set_fd(ssl, fd);
  SSL_set_tlsext_host_name(ssl, server_name.c_str());
  SSL_set1_host(ssl, server_name.c_str());
  const bool ok = SSL_connect(ssl) == 1 && SSL_get_verify_result(ssl) == X509_V_OK;
  if (ok) SSL_shutdown(ssl);
  SSL_free(ssl);
  ERR_clear_error();
  return ok;
}

std::size_t evp_open_records(const Records& r) {
  const EVP_CIPHER* cipher = r.suite == 0x1303 ? EVP_chacha20_poly1305() : EVP_aes_128_gcm();
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, cipher, nullptr, r.key.data(), nullptr);  // key schedule once
  Bytes plain(kRecordPlaintext + 1);
  std::size_t total = 0;
  std::uint64_t seq = 0;
  for (const Bytes& f : r.fragments) {
    std::uint8_t nonce[12];
    for (int i = 0; i < 12; ++i) nonce[i] = r.iv[static_cast<std::size_t>(i)];
    for (int i = 0; i < 8; ++i) nonce[4 + i] ^= static_cast<std::uint8_t>(seq >> (56 - 8 * i));
    ++seq;
    const std::uint8_t header[5] = {23, 3, 3, static_cast<std::uint8_t>(f.size() >> 8),
                                    static_cast<std::uint8_t>(f.size())};
    const int body = static_cast<int>(f.size() - 16);
    int len = 0, fin = 0;
    if (plain.size() < static_cast<std::size_t>(body)) plain.resize(static_cast<std::size_t>(body));
    EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce);
    EVP_DecryptUpdate(ctx, nullptr, &len, header, sizeof header);
    EVP_DecryptUpdate(ctx, plain.data(), &len, f.data(), body);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16,
                        const_cast<std::uint8_t*>(f.data() + body));
    if (EVP_DecryptFinal_ex(ctx, plain.data() + len, &fin) != 1) {
      total = 0;
      break;
    }
    total += static_cast<std::size_t>(len + fin) - 1;  // minus the inner content type
  }
  EVP_CIPHER_CTX_free(ctx);
  return total;
}

}  // namespace tlsscope::bench
