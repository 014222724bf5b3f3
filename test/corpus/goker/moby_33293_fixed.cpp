// corpus: goker/moby_33293 fixed
// origin: GoBench GoKer moby#33293 (blocking: communication deadlock, channel)
// mechanism: containerWait() gives the error channel a buffer of one, so reporting the error before returning the channel never blocks.
// run: exit0
#include <chan/chan.hpp>

#include <optional>
#include <string>

using Error = std::optional<std::string>;  // nullopt: no error

Error may_return_error() { return "container not found"; }

chan::RecvChan<Error> container_wait() {
  chan::Chan<Error> err_c = chan::make<Error>(1);
  if (Error err = may_return_error()) {
    err_c.send(err);
    return err_c;
  }
  return err_c;
}

int main() {
  chan::RecvChan<Error> err_c = container_wait();
  Error err = err_c.recv();
  return err ? 0 : 1;
}
