// The page's engine without the C library's printf. nlohmann::json writes each character it
// escapes (control characters, and with ensure_ascii everything past ASCII: json_text in
// result.cpp) with snprintf(buf, n, "\\u%04x", unit) — or "\\u%04x\\u%04x" for a UTF-16
// pair — and those calls alone brought musl's whole printf into the wasm: 7.8 KB of code
// (printf_core, pop_arg, …; 4.0 KiB of the gzipped download). Defined here, snprintf wins over
// the library's at link time. It writes literal text and %04x (four lower-case hex digits of
// an int argument: the promoted uint16_t) and aborts on any other conversion, so a new caller
// fails loudly (wasm.relay_interop checks the escapes) instead of printing nonsense. The
// engine's own code formats numbers with std::to_string and hex_number (tlsscope/bytes.hpp).
#include <cstdarg>
#include <cstddef>
#include <cstdlib>

extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
  static constexpr char digits[] = "0123456789abcdef";
  std::va_list args;
  va_start(args, format);
  std::size_t n = 0;
  auto put = [&](char c) {
    if (n + 1 >= size) std::abort();  // nlohmann sizes its buffer for the whole escape
    out[n++] = c;
  };
  for (const char* f = format; *f; ++f) {
    if (*f != '%') {
      put(*f);
      continue;
    }
    if (f[1] != '0' || f[2] != '4' || f[3] != 'x') std::abort();
    f += 3;
    const unsigned unit = static_cast<unsigned>(va_arg(args, int)) & 0xffff;
    for (int shift = 12; shift >= 0; shift -= 4) put(digits[(unit >> shift) & 15]);
  }
  va_end(args);
  out[n] = '\0';
  return static_cast<int>(n);
}
