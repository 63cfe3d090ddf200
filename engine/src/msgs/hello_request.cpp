#include "msgs/hello_request.hpp"

namespace tlsscope {

std::optional<Error> decode_hello_request(ByteView msg, HelloRequest&, json& fields,
                                          json& summary) {
  fields = header_fields(msg);
  summary = json::object();
  if (msg.size() != kHandshakeHeaderLen)
    return Error{ErrorCode::decode_error, "HelloRequest must be empty"};
  return std::nullopt;
}

}  // namespace tlsscope
