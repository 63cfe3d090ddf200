#include "crypto/key_share.hpp"

#include <algorithm>

#include "tables/groups.hpp"
#include "tables/notes.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

constexpr std::size_t kX25519Size = 32;
constexpr std::size_t kClientHybridSize = mlkem768::kEncapsulationKeySize + kX25519Size;  // 1216
constexpr std::size_t kServerHybridSize = mlkem768::kCiphertextSize + kX25519Size;       // 1120

const GroupInfo& x25519_group() { return *find_group(kX25519); }

}  // namespace

std::vector<std::uint16_t> default_groups() {
  std::vector<std::uint16_t> groups = {kX25519MLKEM768};
  for (const auto& g : supported_groups()) groups.push_back(g.id);
  return groups;
}

bool can_offer(std::uint16_t group, bool tls13) {
  return find_group(group) || (tls13 && group == kX25519MLKEM768);
}

std::vector<SharePart> share_parts(std::uint16_t group, std::size_t length, bool from_server) {
  if (group != kX25519MLKEM768) return {};
  if (from_server && length == kServerHybridSize)
    return {{"mlkem_ciphertext", 0, mlkem768::kCiphertextSize, NoteId::ext_mlkem_ciphertext},
            {"x25519_public_key", mlkem768::kCiphertextSize, kX25519Size, NoteId::ext_x25519_server}};
  if (!from_server && length == kClientHybridSize)
    return {{"mlkem_encapsulation_key", 0, mlkem768::kEncapsulationKeySize, NoteId::ext_mlkem_encapsulation_key},
            {"x25519_public_key", mlkem768::kEncapsulationKeySize, kX25519Size, NoteId::ext_x25519_client}};
  return {};
}

ClientKeyShare make_client_key_share(std::uint16_t group, const RandomSource& random) {
  ClientKeyShare s;
  s.group = group;
  if (group == kX25519MLKEM768) {
    s.mlkem = mlkem768::generate(random);
    s.ecdhe = generate_key_pair(x25519_group(), random);
    s.key_exchange = s.mlkem.encapsulation_key;
    s.key_exchange.insert(s.key_exchange.end(), s.ecdhe.public_key.begin(), s.ecdhe.public_key.end());
  } else {
    s.ecdhe = generate_key_pair(*find_group(group), random);
    s.key_exchange = s.ecdhe.public_key;
  }
  return s;
}

std::optional<ClientKeyShare> KeySharesAhead::take(std::uint16_t group) {
  const auto it = std::find_if(shares_.begin(), shares_.end(),
                               [&](const ClientKeyShare& s) { return s.group == group; });
  if (it == shares_.end()) return std::nullopt;
  ClientKeyShare s = std::move(*it);
  shares_.erase(it);
  return s;
}

std::shared_ptr<KeySharesAhead> make_key_shares_ahead(const RandomSource& random) {
  return std::make_shared<KeySharesAhead>(initial_key_shares(default_groups(), random));
}

std::vector<ClientKeyShare> initial_key_shares(const std::vector<std::uint16_t>& groups,
                                               const RandomSource& random,
                                               KeySharesAhead* ahead, std::size_t* taken) {
  std::vector<ClientKeyShare> shares;
  auto share_of = [&](std::uint16_t group) {
    if (std::optional<ClientKeyShare> s = ahead ? ahead->take(group) : std::nullopt) {
      if (taken) ++*taken;
      return std::move(*s);
    }
    return make_client_key_share(group, random);
  };
  if (groups.empty()) return shares;
  shares.push_back(share_of(groups.front()));
  bool x25519_offered = false;
  for (auto g : groups) x25519_offered = x25519_offered || g == kX25519;
  if (groups.front() == kX25519MLKEM768 && x25519_offered) shares.push_back(share_of(kX25519));
  return shares;
}

std::variant<KeyExchange, Error> finish_key_exchange(const ClientKeyShare& share,
                                                     ByteView server_share) {
  if (share.group != kX25519MLKEM768) {
    auto shared = ecdh_shared_secret(*find_group(share.group), share.ecdhe.private_key, server_share);
    if (!shared)
      return noted_error(ErrorCode::bad_key_share,
                         note(NoteId::err_share_invalid, {group_name(share.group)}));
    return KeyExchange{&share, server_share, std::move(*shared), {}, {}};
  }
  // draft-ietf-tls-ecdhe-mlkem §4.1: the server's share is ciphertext (1088) || X25519 (32);
  // any other length is illegal_parameter.
  if (server_share.size() != kServerHybridSize)
    return noted_error(ErrorCode::bad_key_share,
                       note(NoteId::err_hybrid_share_length, {std::to_string(server_share.size())}));
  ByteView ciphertext = server_share.first(mlkem768::kCiphertextSize);
  ByteView server_x25519 = server_share.subspan(mlkem768::kCiphertextSize);
  auto x25519_shared = ecdh_shared_secret(x25519_group(), share.ecdhe.private_key, server_x25519);
  if (!x25519_shared)  // the all-zero output of a low-order point (RFC 8446 §7.4.2)
    return noted_error(ErrorCode::bad_key_share, note(NoteId::err_hybrid_x25519_zero));
  auto mlkem_shared = mlkem768::decapsulate(share.mlkem.decapsulation_key, ciphertext);
  if (!mlkem_shared) return noted_error(ErrorCode::internal_error, note(NoteId::err_mlkem_decapsulation));
  Bytes shared = std::move(*mlkem_shared);
  shared.insert(shared.end(), x25519_shared->begin(), x25519_shared->end());
  return KeyExchange{&share, server_x25519, std::move(shared), ciphertext, std::move(*x25519_shared)};
}

}  // namespace tlsscope
