# lit configuration of chcheck's tests; substitutions are documented in README.md.
import os
import shlex

import lit.formats

config.name = "chcheck"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "README.md", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in",
                   "expect-exit.py", "sarif-validate.py"]
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
config.substitutions.append(("%cmake", shlex.quote(config.cmake)))
