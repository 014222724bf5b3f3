#pragma once
// The value types every part of the runtime shares: Go's struct{}, the panic
// exception and the exception a deadlock handler leaves behind.
#include <memory>
#include <source_location>
#include <stdexcept>
#include <string>

namespace chan {

// Go's struct{}: the element type of signal-only channels.
struct Unit {
  friend bool operator==(Unit, Unit) = default;
};

// A Go panic.  what() is Go's exact message ("send on closed channel", ...);
// where() is the user's source line that panicked; object() names what it
// panicked on ("chan int \"orders\" 0x...", "sync.WaitGroup 0x..."), or is
// empty.  Uncaught, the runtime prints "panic: <message>" with the
// goroutine, the object and the location, and exits with status 2.
class panic_error : public std::logic_error {
 public:
  panic_error(const char* message, const std::source_location& where)
      : std::logic_error(message), where_(where) {}
  panic_error(const std::string& message, const std::source_location& where)
      : std::logic_error(message), where_(where) {}
  panic_error(const char* message, const std::source_location& where, std::string object)
      : std::logic_error(message),
        where_(where),
        object_(std::make_shared<const std::string>(std::move(object))) {}
  const std::source_location& where() const noexcept { return where_; }
  const std::string& object() const noexcept {
    static const std::string none;
    return object_ ? *object_ : none;
  }

 private:
  std::source_location where_;
  std::shared_ptr<const std::string> object_;  // shared: copying cannot throw
};

// Thrown from the blocking call of the goroutine that detected a global
// deadlock, but only when a deadlock handler is installed (see
// set_deadlock_handler); without a handler the process ends like Go's.
class deadlock_error : public std::runtime_error {
 public:
  explicit deadlock_error(const std::source_location& where)
      : std::runtime_error("all goroutines are asleep - deadlock!"), where_(where) {}
  const std::source_location& where() const noexcept { return where_; }

 private:
  std::source_location where_;
};

}  // namespace chan
