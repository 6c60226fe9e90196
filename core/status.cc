#include "arrowpack/core/status.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace arrowpack {

Status::Status(StatusCode code, std::string message, int posix_errno) {
  if (code != StatusCode::OK) state_.reset(new State{code, std::move(message), posix_errno});
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

Status Status::FromErrno(int posix_errno, const std::string& context) {
  return Status(StatusCode::IOError, context + ": " + std::strerror(posix_errno), posix_errno);
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return ok() ? kEmpty : state_->message;
}

std::string Status::CodeAsString() const {
  switch (code()) {
    case StatusCode::OK: return "OK";
    case StatusCode::OutOfMemory: return "Out of memory";
    case StatusCode::KeyError: return "Key error";
    case StatusCode::TypeError: return "Type error";
    case StatusCode::Invalid: return "Invalid";
    case StatusCode::IOError: return "IOError";
    case StatusCode::CapacityError: return "Capacity error";
    case StatusCode::IndexError: return "Index error";
    case StatusCode::Cancelled: return "Cancelled";
    case StatusCode::UnknownError: return "Unknown error";
    case StatusCode::NotImplemented: return "NotImplemented";
    case StatusCode::SerializationError: return "Serialization error";
  }
  return "Unknown status code";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return CodeAsString() + ": " + state_->message;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return Status();
  return Status(state_->code, context + ": " + state_->message, state_->posix_errno);
}

void Status::Abort(const char* where) const {
  std::fprintf(stderr, "arrowpack fatal error%s%s: %s\n", where ? " in " : "", where ? where : "",
               ToString().c_str());
  std::abort();
}

std::ostream& operator<<(std::ostream& os, const Status& status) { return os << status.ToString(); }

}  // namespace arrowpack
