#include "msgs/server_hello_done.hpp"
#include "tables/notes.hpp"

namespace tlsscope {

std::optional<Error> decode_server_hello_done(ByteView msg, ServerHelloDone&, json& fields,
                                              json& summary) {
  fields = header_fields(msg);
  summary = json::object();
  if (msg.size() != kHandshakeHeaderLen)
    return noted_error(ErrorCode::decode_error, note(NoteId::err_not_empty, {"ServerHelloDone"}));
  return std::nullopt;
}

}  // namespace tlsscope
