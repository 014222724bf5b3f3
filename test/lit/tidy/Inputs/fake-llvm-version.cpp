// Preloaded into clang-tidy-19 by tidy/version-mismatch.test: found before
// libLLVM's LLVMGetVersion, it makes the process look like LLVM 18.1.8 to
// the module's version gate (and to nothing else: clang-tidy never calls it).
extern "C" void LLVMGetVersion(unsigned *major, unsigned *minor, unsigned *patch) {
  *major = 18;
  *minor = 1;
  *patch = 8;
}
