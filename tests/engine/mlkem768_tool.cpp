// The engine's ML-KEM-768 (crypto/mlkem.hpp) on a line protocol, for mlkem768_vs_openssl.mjs to
// hold against a second implementation. One request per stdin line, one answer per stdout line,
// all hex:
//   keygen SEED(64 bytes)        → EK
//   encaps EK MESSAGE(32 bytes)  → CIPHERTEXT SHARED_SECRET   ("refused" if EK is invalid)
//   decaps SEED CIPHERTEXT       → SHARED_SECRET              (key pair from SEED)
#include <iostream>
#include <sstream>
#include <string>

#include "crypto/mlkem.hpp"

int main() {
  using namespace tlsscope;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string op, a, b;
    words >> op >> a >> b;
    Bytes x, y;
    if (!from_hex(a, x) || (!b.empty() && !from_hex(b, y))) {
      std::cout << "bad hex\n";
    } else if (op == "keygen") {
      std::cout << to_hex(mlkem768::key_pair_from_seed(x).encapsulation_key) << "\n";
    } else if (op == "encaps") {
      auto e = mlkem768::encapsulate(x, y);
      std::cout << (e ? to_hex(e->ciphertext) + " " + to_hex(e->shared_secret) : "refused") << "\n";
    } else if (op == "decaps") {
      auto ss = mlkem768::decapsulate(mlkem768::key_pair_from_seed(x).decapsulation_key, y);
      std::cout << (ss ? to_hex(*ss) : "refused") << "\n";
    } else {
      std::cout << "unknown request\n";
    }
  }
}
