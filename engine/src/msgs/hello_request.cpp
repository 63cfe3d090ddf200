#include "msgs/hello_request.hpp"
#include "tables/notes.hpp"

namespace tlsscope {

std::optional<Error> decode_hello_request(ByteView msg, HelloRequest&, json& fields,
                                          json& summary) {
  fields = header_fields(msg);
  summary = json::object();
  if (msg.size() != kHandshakeHeaderLen)
    return noted_error(ErrorCode::decode_error, note(NoteId::err_not_empty, {"HelloRequest"}));
  return std::nullopt;
}

}  // namespace tlsscope
