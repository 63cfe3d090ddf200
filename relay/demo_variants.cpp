#include "demo_variants.hpp"

#include <openssl/ssl.h>

#include <array>

namespace tlsscope::relay {

namespace {

constexpr int v12 = TLS1_2_VERSION;
constexpr int v13 = TLS1_3_VERSION;

// `expect` is checked against the real engine by tests/relay/demo_origin_variants_test.cpp.
constexpr std::array variants = {
    demo_variant{"expired", "expired", v12, v13, false, "CERT_EXPIRED",
                 "Expired certificate: its 'not after' date has passed",
                 "过期证书：已经超过“有效期截止”日期"},
    demo_variant{"wrong-name", "wrong-name", v12, v13, false, "CERT_NAME_INVALID",
                 "Wrong name: the certificate is for wrong.name.invalid, not localhost",
                 "名字不符：证书属于 wrong.name.invalid，而不是 localhost"},
    demo_variant{"self-signed", "self-signed", v12, v13, false, "CERT_SELF_SIGNED",
                 "Self-signed: the certificate vouches for itself",
                 "自签名：证书自己为自己担保"},
    demo_variant{"untrusted-root", "untrusted-root", v12, v13, false, "CERT_AUTHORITY_INVALID",
                 "Untrusted root: signed by a CA the client was never told to trust",
                 "不受信任的根证书：签发者是客户端从未信任过的 CA"},
    demo_variant{"tls12-only", "", v12, v12, false, "ok",
                 "TLS 1.2 only: a server that has not learned TLS 1.3",
                 "仅支持 TLS 1.2：一台还不会 TLS 1.3 的服务器"},
    demo_variant{"tls13-only", "", v13, v13, false, "ok",
                 "TLS 1.3 only: a server that refuses TLS 1.2",
                 "仅支持 TLS 1.3：一台拒绝 TLS 1.2 的服务器"},
    demo_variant{"weak-rsa", "weak-rsa", v12, v13, true, "CERT_WEAK_KEY",
                 "Weak key: a 1024-bit RSA certificate",
                 "弱密钥：1024 位 RSA 证书"},
    demo_variant{"sha1", "sha1", v12, v13, true, "CERT_WEAK_SIGNATURE",
                 "SHA-1 signature: the certificate is signed over a SHA-1 hash",
                 "SHA-1 签名：证书的签名基于 SHA-1 哈希"},
};

}  // namespace

std::span<const demo_variant> demo_variants() { return variants; }

}  // namespace tlsscope::relay
