#include "msgs/server_hello_done.hpp"

namespace tlsscope {

std::optional<Error> decode_server_hello_done(ByteView msg, ServerHelloDone&, json& fields,
                                              json& summary) {
  fields = header_fields(msg);
  summary = json::object();
  if (msg.size() != kHandshakeHeaderLen)
    return Error{ErrorCode::decode_error, "ServerHelloDone must be empty"};
  return std::nullopt;
}

}  // namespace tlsscope
