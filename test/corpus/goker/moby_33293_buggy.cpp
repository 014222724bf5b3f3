// corpus: goker/moby_33293 buggy
// origin: GoBench GoKer moby#33293 (blocking: communication deadlock, channel)
// mechanism: containerWait() creates an unbuffered error channel and, on error, sends into it before returning it, so the send blocks forever: no one can hold the channel to receive yet.
// run: deadlock
//
// The kernel fails at random; here the error path is always taken.
#include <chan/chan.hpp>

#include <optional>
#include <string>

using Error = std::optional<std::string>;  // nullopt: no error

Error may_return_error() { return "container not found"; }

chan::RecvChan<Error> container_wait() {
  chan::Chan<Error> err_c = chan::make<Error>();
  if (Error err = may_return_error()) {
    err_c.send(err);  // expect: CH201
    return err_c;
  }
  return err_c;
}

int main() {
  chan::RecvChan<Error> err_c = container_wait();
  Error err = err_c.recv();
  return err ? 0 : 1;
}
