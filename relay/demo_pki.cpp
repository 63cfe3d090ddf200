#include "demo_pki.hpp"

#include "log.hpp"

#include <boost/asio/ip/address.hpp>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace tlsscope::relay {

namespace {

namespace fs = std::filesystem;

struct free_pkey {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct free_x509 {
  void operator()(X509* p) const { X509_free(p); }
};
struct free_bio {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct free_store {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct free_store_ctx {
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct free_stack {
  void operator()(STACK_OF(X509) * p) const { sk_X509_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, free_pkey>;
using x509_ptr = std::unique_ptr<X509, free_x509>;
using bio_ptr = std::unique_ptr<BIO, free_bio>;

constexpr long day = 24 * 60 * 60;
constexpr int root_days = 3650;
constexpr int intermediate_days = 1825;
constexpr int leaf_days = 365;
// The leaf is renewed this long before it expires.
constexpr int renew_days = 30;

[[noreturn]] void throw_openssl(const std::string& what) {
  const auto code = ERR_get_error();
  char text[256] = "unknown error";
  if (code) ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  throw std::runtime_error("demo PKI: " + what + ": " + text);
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string cert_pem(X509* cert) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!bio || !PEM_write_bio_X509(bio.get(), cert)) throw_openssl("writing a certificate");
  return bio_text(bio.get());
}

std::string key_pem(EVP_PKEY* key) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!bio || !PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr))
    throw_openssl("writing a key");
  return bio_text(bio.get());
}

x509_ptr parse_cert(const std::string& pem) {
  bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return x509_ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

pkey_ptr parse_key(const std::string& pem) {
  bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return pkey_ptr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Written next to the target and renamed over it, so a crash never leaves half a key.
void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  const auto tmp = path.string() + ".tmp";
  // A fresh file, never one that was there (a symlink planted to make us write elsewhere).
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error("demo PKI: cannot write " + tmp);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("demo PKI: cannot write " + tmp);
    }
    done += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(tmp, path);
}

pkey_ptr new_key() {
  pkey_ptr key(EVP_EC_gen("P-256"));
  if (!key) throw_openssl("generating a P-256 key");
  return key;
}

struct cert_spec {
  std::string common_name;
  int days;  // valid until this many days from now (negative: already expired)
  std::vector<std::pair<int, std::string>> extensions;  // NID, OpenSSL config text
  // Valid from an hour ago, for clients whose clock is a little behind.
  long valid_from = -3600;  // seconds from now
  const EVP_MD* digest = EVP_sha256();
};

x509_ptr issue(const cert_spec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key) {
  x509_ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), 2)) throw_openssl("creating a certificate");

  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
  if (!serial || !BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
    throw_openssl("choosing a serial number");

  X509_gmtime_adj(X509_getm_notBefore(cert.get()), spec.valid_from);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), spec.days * day);

  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("tlsscope demo"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  if (!X509_set_pubkey(cert.get(), key)) throw_openssl("setting the public key");

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : spec.extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext || !X509_add_ext(cert.get(), ext, -1)) throw_openssl("adding extension " + value);
    X509_EXTENSION_free(ext);
  }
  if (!X509_sign(cert.get(), issuer_key ? issuer_key : key, spec.digest))
    throw_openssl("signing " + spec.common_name);
  return cert;
}

std::optional<boost::asio::ip::address> as_ip(const std::string& host) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return address;
}

std::string leaf_names(const std::string& host) {
  std::string names = "DNS:localhost,IP:127.0.0.1,IP:::1";
  const auto ip = as_ip(host);
  // 0.0.0.0 and :: mean "all interfaces": clients reach those through loopback.
  if (host == "localhost" || (ip && (ip->is_loopback() || ip->is_unspecified()))) return names;
  return names + (ip ? ",IP:" : ",DNS:") + host;
}

cert_spec root_spec(const std::string& name) {
  return {name,
          root_days,
          {{NID_basic_constraints, "critical,CA:TRUE,pathlen:1"},
           {NID_key_usage, "critical,keyCertSign,cRLSign"},
           {NID_subject_key_identifier, "hash"}}};
}

cert_spec leaf_spec(const std::string& name, const std::string& alt_names) {
  return {name,
          leaf_days,
          {{NID_basic_constraints, "critical,CA:FALSE"},
           {NID_key_usage, "critical,digitalSignature"},
           {NID_ext_key_usage, "serverAuth"},
           {NID_subject_alt_name, alt_names},
           {NID_subject_key_identifier, "hash"},
           {NID_authority_key_identifier, "keyid:always"}}};
}

// The issuers a bad certificate may need: the demo intermediate, which clients trust
// through /ca.pem.
struct issuer_keys {
  X509* mid;
  EVP_PKEY* mid_key;
};

// One bad certificate per thing a browser refuses; each is otherwise a good leaf for the
// loopback names, so only the named defect fails.
struct bad_certificate {
  std::string_view name;
  credentials (*make)(const std::string& names, const issuer_keys& ca);
};

credentials from_mid(const cert_spec& spec, pkey_ptr key, const issuer_keys& ca) {
  auto leaf = issue(spec, key.get(), ca.mid, ca.mid_key);
  return {cert_pem(leaf.get()) + cert_pem(ca.mid), key_pem(key.get())};
}

constexpr std::array bad_certificates = {
    bad_certificate{"expired",
                    [](const std::string& names, const issuer_keys& ca) {
                      auto spec = leaf_spec("localhost", names);
                      spec.valid_from = -400 * day;
                      spec.days = -30;
                      return from_mid(spec, new_key(), ca);
                    }},
    bad_certificate{"wrong-name",
                    [](const std::string&, const issuer_keys& ca) {
                      return from_mid(leaf_spec("wrong.name.invalid", "DNS:wrong.name.invalid"),
                                      new_key(), ca);
                    }},
    bad_certificate{"self-signed",
                    [](const std::string& names, const issuer_keys&) {
                      auto spec = leaf_spec("localhost", names);
                      spec.extensions.pop_back();  // no authority key id: it is its own issuer
                      auto key = new_key();
                      auto leaf = issue(spec, key.get(), nullptr, nullptr);
                      return credentials{cert_pem(leaf.get()), key_pem(key.get())};
                    }},
    bad_certificate{"untrusted-root",
                    [](const std::string& names, const issuer_keys&) {
                      // A root nobody was told to trust; its key is thrown away at once.
                      auto root_key = new_key();
                      auto root = issue(root_spec("tlsscope untrusted root CA"), root_key.get(),
                                        nullptr, nullptr);
                      auto key = new_key();
                      auto leaf = issue(leaf_spec("localhost", names), key.get(), root.get(),
                                        root_key.get());
                      return credentials{cert_pem(leaf.get()) + cert_pem(root.get()),
                                         key_pem(key.get())};
                    }},
    bad_certificate{"weak-rsa",
                    [](const std::string& names, const issuer_keys& ca) {
                      // 1024-bit RSA: factorable with enough money; refused since 2013-2014.
                      pkey_ptr key(EVP_RSA_gen(1024));
                      if (!key) throw_openssl("generating a 1024-bit RSA key");
                      return from_mid(leaf_spec("localhost", names), std::move(key), ca);
                    }},
    bad_certificate{"sha1",
                    [](const std::string& names, const issuer_keys& ca) {
                      // SHA-1 collisions are practical (SHAttered, 2017): a signature over a
                      // SHA-1 hash no longer proves which certificate was signed.
                      auto spec = leaf_spec("localhost", names);
                      spec.digest = EVP_sha1();
                      return from_mid(spec, new_key(), ca);
                    }},
};

fs::path bad_dir(const fs::path& dir) { return dir / "variants"; }

demo_pki create(const fs::path& dir, const std::string& host) {
  auto root_key = new_key();
  auto root = issue(root_spec("tlsscope demo root CA"), root_key.get(), nullptr, nullptr);
  auto mid_key = new_key();
  auto mid = issue({"tlsscope demo intermediate CA",
                    intermediate_days,
                    {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                     {NID_key_usage, "critical,keyCertSign,cRLSign"},
                     {NID_subject_key_identifier, "hash"},
                     {NID_authority_key_identifier, "keyid:always"}}},
                   mid_key.get(), root.get(), root_key.get());
  auto leaf_key = new_key();
  auto leaf = issue(leaf_spec("localhost", leaf_names(host)), leaf_key.get(), mid.get(),
                    mid_key.get());

  demo_pki pki{cert_pem(root.get()), cert_pem(leaf.get()) + cert_pem(mid.get()),
               key_pem(leaf_key.get()), {}};
  // The CA keys are never written anywhere: a renewal makes a new chain (bad certificates
  // included), and nobody who trusted this root can be impersonated with a key left lying
  // in a folder.
  std::error_code ec;
  fs::create_directories(bad_dir(dir), ec);
  for (const auto& bad : bad_certificates) {
    auto made = bad.make(leaf_names(host), {mid.get(), mid_key.get()});
    write_file(bad_dir(dir) / (std::string(bad.name) + ".key"), made.key_pem, 0600);
    write_file(bad_dir(dir) / (std::string(bad.name) + ".pem"), made.chain_pem, 0644);
    pki.bad.emplace(bad.name, std::move(made));
  }
  write_file(dir / "leaf.key", pki.leaf_key_pem, 0600);
  write_file(dir / "intermediate.pem", cert_pem(mid.get()), 0644);
  write_file(dir / "leaf.pem", cert_pem(leaf.get()), 0644);
  write_file(dir / "ca.pem", pki.root_pem, 0644);  // last: its presence means "complete"
  return pki;
}

// Why the stored chain cannot be used, or nothing if it can.
std::optional<std::string> check(const fs::path& dir, const std::string& host, demo_pki& out) {
  auto root_pem = read_file(dir / "ca.pem");
  auto mid_pem = read_file(dir / "intermediate.pem");
  auto leaf_pem = read_file(dir / "leaf.pem");
  auto key_text = read_file(dir / "leaf.key");
  if (!root_pem || !mid_pem || !leaf_pem || !key_text) return "no certificate chain yet";
  auto root = parse_cert(*root_pem);
  auto mid = parse_cert(*mid_pem);
  auto leaf = parse_cert(*leaf_pem);
  auto key = parse_key(*key_text);
  ERR_clear_error();
  if (!root || !mid || !leaf || !key) return "a stored file does not parse";
  if (X509_check_private_key(leaf.get(), key.get()) != 1) return "leaf.key does not match leaf.pem";

  std::unique_ptr<X509_STORE, free_store> store(X509_STORE_new());
  std::unique_ptr<X509_STORE_CTX, free_store_ctx> ctx(X509_STORE_CTX_new());
  std::unique_ptr<STACK_OF(X509), free_stack> untrusted(sk_X509_new_null());
  X509_STORE_add_cert(store.get(), root.get());
  sk_X509_push(untrusted.get(), mid.get());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get());
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
  // Verify as of a month from now: a chain that expires by then is renewed today.
  X509_STORE_CTX_set_time(ctx.get(), 0, time(nullptr) + renew_days * day);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  if (const auto ip = as_ip(host)) {
    if (!ip->is_unspecified()) X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
  if (X509_verify_cert(ctx.get()) != 1) {
    std::string why = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
    ERR_clear_error();
    return "the stored chain does not verify for " + host + " a month from now (" + why + ")";
  }
  out = {*root_pem, *leaf_pem + *mid_pem, *key_text, {}};
  for (const auto& bad : bad_certificates) {
    const auto base = bad_dir(dir) / std::string(bad.name);
    auto chain = read_file(base.string() + ".pem");
    auto bad_key = read_file(base.string() + ".key");
    if (!chain || !bad_key) return "no " + std::string(bad.name) + " certificate yet";
    auto cert = parse_cert(*chain);
    auto pkey = parse_key(*bad_key);
    ERR_clear_error();
    if (!cert || !pkey || X509_check_private_key(cert.get(), pkey.get()) != 1)
      return "the " + std::string(bad.name) + " certificate is broken";
    out.bad.emplace(bad.name, credentials{*chain, *bad_key});
  }
  return std::nullopt;
}

// Two servers starting with the same state folder must not mix each other's files.
class dir_lock {
 public:
  explicit dir_lock(const fs::path& dir)
      : fd_(::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
      throw std::runtime_error("demo PKI: cannot lock " + (dir / ".lock").string());
  }
  ~dir_lock() { ::close(fd_); }
  dir_lock(const dir_lock&) = delete;
  dir_lock& operator=(const dir_lock&) = delete;

 private:
  int fd_;
};

}  // namespace

demo_pki load_or_create_demo_pki(const fs::path& state_dir, const std::string& host) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (!fs::is_directory(state_dir))
    throw std::runtime_error("demo PKI: cannot create the state folder " + state_dir.string());
  fs::permissions(state_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  // The leaf key lives here, and whoever may write here chooses the certificates the demo
  // origin serves: the folder must be ours and closed to everyone else.
  struct stat st {};
  if (::stat(state_dir.c_str(), &st) != 0 || st.st_uid != ::geteuid() ||
      (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    throw std::runtime_error("demo PKI: the state folder " + state_dir.string() +
                             " must belong to this user (uid " + std::to_string(::geteuid()) +
                             ") and be closed to others (mode 0700); choose another with --state");

  dir_lock lock(state_dir);
  demo_pki pki;
  auto why = check(state_dir, host, pki);
  if (!why) return pki;
  log_note("demo origin: creating a certificate chain in " + state_dir.string() + " (" + *why +
           ")");
  return create(state_dir, host);
}

}  // namespace tlsscope::relay
