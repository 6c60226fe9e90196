// Status: the outcome of an operation that can fail, and Result<T> (a value or a Status).
// Every fallible function in arrowpack returns one of these; exceptions never cross the C++ API.
#pragma once

#include <memory>
#include <sstream>
#include <string>
#include <utility>

namespace arrowpack {

enum class StatusCode : signed char {
  OK = 0,
  OutOfMemory,
  KeyError,
  TypeError,
  Invalid,
  IOError,
  CapacityError,
  IndexError,
  Cancelled,
  UnknownError,
  NotImplemented,
  SerializationError,
};

/// \brief A success flag, or an error code with a message (and, for OS errors, the errno).
/// An OK Status holds no allocation; copying an error copies its message.
class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(StatusCode code, std::string message, int posix_errno = 0);
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }

  template <typename... Args>
  static Status Make(StatusCode code, Args&&... args) {
    std::ostringstream out;
    (out << ... << std::forward<Args>(args));
    return Status(code, out.str());
  }
  template <typename... Args>
  static Status Invalid(Args&&... args) { return Make(StatusCode::Invalid, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status IOError(Args&&... args) { return Make(StatusCode::IOError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status TypeError(Args&&... args) { return Make(StatusCode::TypeError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status OutOfMemory(Args&&... args) { return Make(StatusCode::OutOfMemory, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status KeyError(Args&&... args) { return Make(StatusCode::KeyError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status IndexError(Args&&... args) { return Make(StatusCode::IndexError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status CapacityError(Args&&... args) { return Make(StatusCode::CapacityError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status NotImplemented(Args&&... args) { return Make(StatusCode::NotImplemented, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status SerializationError(Args&&... args) { return Make(StatusCode::SerializationError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status UnknownError(Args&&... args) { return Make(StatusCode::UnknownError, std::forward<Args>(args)...); }
  template <typename... Args>
  static Status Cancelled(Args&&... args) { return Make(StatusCode::Cancelled, std::forward<Args>(args)...); }

  /// An IOError that carries the errno of the failed system call (Python maps it to
  /// FileNotFoundError, PermissionError, ...).
  static Status FromErrno(int posix_errno, const std::string& context);

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::OK : state_->code; }
  const std::string& message() const;
  int posix_errno() const { return ok() ? 0 : state_->posix_errno; }
  std::string CodeAsString() const;
  std::string ToString() const;

  bool IsInvalid() const { return code() == StatusCode::Invalid; }
  bool IsIOError() const { return code() == StatusCode::IOError; }
  bool IsTypeError() const { return code() == StatusCode::TypeError; }
  bool IsOutOfMemory() const { return code() == StatusCode::OutOfMemory; }
  bool IsKeyError() const { return code() == StatusCode::KeyError; }
  bool IsIndexError() const { return code() == StatusCode::IndexError; }
  bool IsCapacityError() const { return code() == StatusCode::CapacityError; }
  bool IsNotImplemented() const { return code() == StatusCode::NotImplemented; }
  bool IsSerializationError() const { return code() == StatusCode::SerializationError; }

  /// Returns a copy of this error with `context` prepended to its message; OK stays OK.
  Status WithContext(const std::string& context) const;

  /// Prints the status and aborts the process; for tests and impossible states only.
  void Abort(const char* where = nullptr) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
    int posix_errno;
  };
  std::unique_ptr<State> state_;
};

std::ostream& operator<<(std::ostream& os, const Status& status);

}  // namespace arrowpack

#define ARROWPACK_CONCAT_INNER(a, b) a##b
#define ARROWPACK_CONCAT(a, b) ARROWPACK_CONCAT_INNER(a, b)

/// Returns the Status of `expr` from the enclosing function when it is an error.
#define ARROWPACK_RETURN_NOT_OK(expr)                       \
  do {                                                      \
    ::arrowpack::Status _ap_status = (expr);                \
    if (!_ap_status.ok()) return _ap_status;                \
  } while (false)

/// Returns an error Status from the enclosing function when `cond` is true.
#define ARROWPACK_RETURN_IF(cond, status) \
  do {                                    \
    if (cond) return (status);            \
  } while (false)
