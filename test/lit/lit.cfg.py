# lit configuration of chcheck's tests; substitutions are documented in README.md.
import os
import shlex

import lit.formats

config.name = "chcheck"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "README.md", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in",
                   "expect-exit.py", "sarif-validate.py", "check-clang-tidy.py"]
config.test_source_root = config.lit_source_dir
config.test_exec_root = config.lit_binary_dir

# FileCheck, not, count from LLVM 19 first on PATH.
config.environment["PATH"] = os.pathsep.join([config.llvm_bin, config.environment.get("PATH", "")])
# The analyser's own progress output depends on the terminal; tests pin it.
config.environment.pop("CHAN_LEAKCHECK", None)

helpers = config.lit_source_dir
config.substitutions.append(("%chcheck", shlex.quote(config.chcheck)))
config.substitutions.append(("%runtime_include", shlex.quote(config.runtime_include)))
config.substitutions.append(("%srcroot_dir", shlex.quote(config.source_root)))
config.substitutions.append(("%expect_exit", "%s %s" % (shlex.quote(config.python),
                             shlex.quote(os.path.join(helpers, "expect-exit.py")))))
config.substitutions.append(("%sarif_validate", "%s %s --multitool %s" % (
    shlex.quote(config.python), shlex.quote(os.path.join(helpers, "sarif-validate.py")),
    shlex.quote(config.sarif_multitool))))
config.substitutions.append(("%python", shlex.quote(config.python)))
config.substitutions.append(("%multitool", shlex.quote(config.sarif_multitool)))
config.substitutions.append(("%build_dir", shlex.quote(config.build_dir)))

# The clang-tidy module (tidy/), run through the real clang-tidy-19.
if config.tidy_module:
    config.available_features.add("chcheck-tidy")
    config.substitutions.append(("%check_clang_tidy", "%s %s --clang-tidy %s --module %s "
                                 "--runtime-include %s" % (
        shlex.quote(config.python), shlex.quote(os.path.join(helpers, "tidy", "check-clang-tidy.py")),
        shlex.quote(config.clang_tidy), shlex.quote(config.tidy_module),
        shlex.quote(config.runtime_include))))
    config.substitutions.append(("%run_clang_tidy", shlex.quote(config.run_clang_tidy)))
    config.substitutions.append(("%clang_tidy", shlex.quote(config.clang_tidy)))
    config.substitutions.append(("%tidy_module", shlex.quote(config.tidy_module)))
    config.substitutions.append(("%llvm_version", config.llvm_version))
    config.substitutions.append(("%fake_llvm_version", shlex.quote(config.fake_llvm_version)))
    config.substitutions.append(("%cmake_generator", shlex.quote(config.cmake_generator)))
    config.substitutions.append(("%cmake_make_program", shlex.quote(config.cmake_make_program)))
    config.substitutions.append(("%cxx", shlex.quote(config.cxx_compiler)))
# After %cmake_generator and %cmake_make_program, which it is a prefix of.
config.substitutions.append(("%cmake", shlex.quote(config.cmake)))
# A clang-tidy of another release, to load the module into (tidy/version-mismatch.test).
if config.other_clang_tidy:
    config.available_features.add("other-clang-tidy")
    config.substitutions.append(("%other_clang_tidy", shlex.quote(config.other_clang_tidy)))

# Boost.Fiber's headers (Debian's libboost-fiber-dev), for the tests of its model (boost-fiber/).
if os.path.exists("/usr/include/boost/fiber/buffered_channel.hpp"):
    config.available_features.add("boost-fiber")
# Asio's headers (Debian's libasio-dev, standalone Asio 1.22), for the tests of
# its model (asio/).  Asio 1.22 enables coroutines under Clang only with
# -fcoroutines-ts; in C++20 they are switched on by hand (%asio_flags).
if os.path.exists("/usr/include/asio/experimental/channel.hpp"):
    config.available_features.add("asio")
    config.substitutions.append(("%asio_flags", "-std=c++20 -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1"))
    # Clang 19 itself, to check that each test program compiles.
    config.substitutions.append(("%clangxx", shlex.quote(os.path.join(config.llvm_bin, "clang++"))))
